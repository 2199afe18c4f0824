import { isLeft, type Either } from '../fp.js';
import type { DomainError } from '../kernel/errors.js';
import type { ActorRole } from '../kernel/envelope.js';
import type { Desk } from './desk.js';

/** A unit and its officers, as a test's Given: the references a desk command names must exist. */
export interface Staffing {
  readonly unit: string;
  readonly officers: readonly string[];
  /** Day the unit is established and the officers appointed; default 2019-01-01. */
  readonly from?: string;
}

const system = (tenantId: string) => ({ actor: { id: 'system', role: 'system' as ActorRole }, tenantId });

/** Establishes the unit and appoints each officer in `tenantId`, through desk commands; throws on a refusal. */
export const staffUnit = async (desk: Desk, tenantId: string, staffing: Staffing): Promise<void> => {
  const from = staffing.from ?? '2019-01-01';
  const occurredAt = `${from}T08:00:00+07:00`;
  const must = (result: Either<DomainError, unknown>, what: string) => {
    if (isLeft(result)) throw new Error(`staffing ${what}: ${result.left.message}`);
  };
  if ((await desk.units.load(tenantId, staffing.unit)).version === 0) {
    must(
      await desk.units.handle(
        { type: 'EstablishUnit', data: { code: staffing.unit, name: `Unit ${staffing.unit}`, kind: 'commune-desk', provinceCode: 'test-province', effectiveDate: from, occurredAt } },
        system(tenantId),
      ),
      staffing.unit,
    );
  }
  for (const officerId of staffing.officers) {
    must(
      await desk.officers.handle(
        {
          type: 'AppointOfficer',
          data: {
            officerId, unitId: staffing.unit, deskLevel: 'commune', role: 'receiving-officer', fields: [], effectiveDate: from,
            legalStatus: 'civil-servant', secondingAgencyId: 'test-agency', occurredAt,
          },
        },
        system(tenantId),
      ),
      officerId,
    );
  }
};
