import { deciderSpec } from '../kernel/decider-spec.js';
import { fold } from '../kernel/decider.js';
import type { UnitCommand } from './commands.js';
import { createUnitDecider } from './decider.js';
import type { UnitEvent } from './events.js';
import type { UnitState } from './state.js';

export const decider = createUnitDecider();
export const spec = deciderSpec(decider);

export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

type Data<T extends UnitCommand['type'] | UnitEvent['type']> = Extract<UnitCommand | UnitEvent, { type: T }>['data'];

const defined = <T extends object>(data: T): T =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;

/** A district's receipt & return section in Bắc Kạn, before the 2025 reform. */
export const establish = (data: Partial<Data<'EstablishUnit'>> = {}): UnitCommand => ({
  type: 'EstablishUnit',
  data: defined({
    code: 'BK-H-CHO-MOI',
    name: 'Bộ phận Một cửa huyện Chợ Mới',
    kind: 'district-desk',
    provinceCode: 'BK',
    effectiveDate: '2018-07-01',
    occurredAt: at('2018-06-28'),
    ...data,
  }),
});

export const established = (data: Partial<Data<'UnitEstablished'>> = {}): UnitEvent => ({
  type: 'UnitEstablished',
  data: defined({ ...(establish().data as Data<'EstablishUnit'>), ...data }),
});

export const rename = (data: Partial<Data<'RenameUnit'>> = {}): UnitCommand => ({
  type: 'RenameUnit',
  data: {
    code: 'BK-H-CHO-MOI',
    name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Chợ Mới',
    effectiveDate: '2020-01-01',
    occurredAt: at('2019-12-20'),
    ...data,
  },
});

export const renamed = (data: Partial<Data<'UnitRenamed'>> = {}): UnitEvent => ({
  type: 'UnitRenamed',
  data: {
    ...(rename().data as Data<'RenameUnit'>),
    previousName: 'Bộ phận Một cửa huyện Chợ Mới',
    ...data,
  },
});

export const reattach = (data: Partial<Data<'ReattachUnit'>> = {}): UnitCommand => ({
  type: 'ReattachUnit',
  data: defined({
    code: 'BK-H-CHO-MOI',
    provinceCode: 'TN',
    parentCode: 'TN-TTPVHCC',
    effectiveDate: '2025-07-01',
    occurredAt: at('2025-06-30'),
    ...data,
  }),
});

export const reattached = (data: Partial<Data<'UnitReattached'>> = {}): UnitEvent => ({
  type: 'UnitReattached',
  data: defined({ ...(reattach().data as Data<'ReattachUnit'>), ...data }),
});

/** Districts are abolished on 1 July 2025 (Law 72/2025/QH15); the new commune centre takes over. */
export const dissolve = (data: Partial<Data<'DissolveUnit'>> = {}): UnitCommand => ({
  type: 'DissolveUnit',
  data: defined({
    code: 'BK-H-CHO-MOI',
    successorCode: 'TN-X-CHO-MOI',
    effectiveDate: '2025-07-01',
    reason: 'districts abolished (two-tier local government)',
    occurredAt: at('2025-06-30'),
    ...data,
  }),
});

export const dissolved = (data: Partial<Data<'UnitDissolved'>> = {}): UnitEvent => ({
  type: 'UnitDissolved',
  data: defined({ ...(dissolve().data as Data<'DissolveUnit'>), ...data }),
});

/** Folds each unit's stream, as a read model would. */
export const unitsFrom = (streams: readonly (readonly UnitEvent[])[]): UnitState[] =>
  streams.map((events) => fold(decider, events));
