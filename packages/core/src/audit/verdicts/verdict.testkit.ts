import { createDesk, type Desk } from '../../desk/index.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { InMemoryEventStore } from '../../kernel/in-memory-event-store.js';
import { fixedClock } from '../../kernel/ports.js';
import type { VerdictDeps } from '../verdict.js';

/**
 * A desk whose clock the test moves: each command is recorded at a stated instant, so a fact typed in
 * days after it happened gets its late-entry stamp (docs/record-as-evidence.md) as it would at a desk.
 */
export const TENANT = 'thai-nguyen';
export const DOSSIER = '000.00.15.H55-260302-0001';

const head = { actor: { id: 'unit-head-1', role: 'unit-head' as const }, tenantId: TENANT };
const receptionist = { actor: { id: 'officer-lan', role: 'receptionist' as const }, tenantId: TENANT };
/** A sync from the old platform, recording facts with the rules they broke (ADR 0010). */
const sync = { actor: { id: 'sync-1', role: 'system' as const }, tenantId: TENANT, mode: 'record' as const };

/** `2026-03-02`, `09:00` → `2026-03-02T09:00:00+07:00`. */
export const vn = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

type Handle = (command: unknown, context: unknown) => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: { events: readonly RecordedEvent[] } }>;

export interface ScenarioDesk {
  readonly desk: Desk;
  readonly deps: VerdictDeps;
  /** Handles `command` with the clock at `recordedAt` (default: when it happened, plus a minute). */
  readonly record: (
    aggregate: 'incidents' | 'feedback' | 'dossiers',
    command: { readonly type: string; readonly data: { readonly occurredAt: string } & Record<string, unknown> },
    options?: { readonly recordedAt?: string; readonly as?: 'head' | 'receptionist' | 'sync' },
  ) => Promise<readonly RecordedEvent[]>;
}

export const scenarioDesk = (): ScenarioDesk => {
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const desk = createDesk({ store: new InMemoryEventStore({ clock }), clock, references: 'unchecked' });
  return {
    desk,
    deps: { rules: desk.rules, calendar: desk.calendar },
    record: async (aggregate, command, options = {}) => {
      clock.set(options.recordedAt ?? new Date(Date.parse(command.data.occurredAt) + 60_000).toISOString());
      const context = options.as === 'sync' ? sync : options.as === 'receptionist' ? receptionist : head;
      const result = await (desk[aggregate].handle as unknown as Handle)(command, context);
      if (result._tag === 'Left') throw new Error(`${command.type} refused: ${JSON.stringify(result.left)}`);
      return result.right.events;
    },
  };
};

/**
 * Dossier {@link DOSSIER}, received Monday 2 March 2026 (household business registration, 3 working days), and an
 * apology synced from the old platform on the due day itself: recorded with the breach
 * `DOSSIER_APOLOGY_TOO_LATE` (Decree 61/2018 Art.19(9) asks one working day of notice).
 */
export const dossierWithLateApology = async ({ record }: ScenarioDesk): Promise<RecordedEvent> => {
  const [received] = await record(
    'dossiers',
    {
      type: 'ReceiveDossier',
      data: {
        dossierCode: DOSSIER, occurredAt: vn('2026-03-02', '08:00'), receivingUnitId: 'tn-phuc-vu-hcc', procedureCode: '1.001612', channel: 'counter',
        applicantId: 'subject-1', priorityGroup: 'none', documents: ['Giấy đề nghị đăng ký hộ kinh doanh'], feeDong: 0, officerId: 'officer-lan',
      },
    },
    { as: 'receptionist' },
  );
  const due = (received?.data as { dueDate: string }).dueDate;
  await record('dossiers', { type: 'TransferDossier', data: { dossierCode: DOSSIER, occurredAt: vn('2026-03-02', '10:00'), officerId: 'officer-lan' } }, { as: 'receptionist' });
  const [apology] = await record(
    'dossiers',
    { type: 'IssueApology', data: { dossierCode: DOSSIER, occurredAt: vn(due, '09:00'), officerId: 'officer-lan', reason: 'site verification delayed', newDueDate: '2026-03-13' } },
    { as: 'sync' },
  );
  return apology!;
};
