import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { LocalDate, NonEmptyString, RecordedInstant } from '../kernel/primitives.js';
import { UnitKind } from './vocabulary.js';

export const UnitEstablished = t.type({
  type: t.literal('UnitEstablished'),
  data: t.intersection([
    t.type({
      code: NonEmptyString,
      name: NonEmptyString,
      kind: UnitKind,
      provinceCode: NonEmptyString,
      effectiveDate: LocalDate,
      occurredAt: RecordedInstant,
    }),
    t.partial({ parentCode: NonEmptyString }),
  ]),
});
export type UnitEstablished = t.TypeOf<typeof UnitEstablished>;

export const UnitRenamed = t.type({
  type: t.literal('UnitRenamed'),
  data: t.type({
    code: NonEmptyString,
    name: NonEmptyString,
    previousName: NonEmptyString,
    effectiveDate: LocalDate,
    occurredAt: RecordedInstant,
  }),
});
export type UnitRenamed = t.TypeOf<typeof UnitRenamed>;

/** The unit moves under another parent or province (communes after districts were abolished). */
export const UnitReattached = t.type({
  type: t.literal('UnitReattached'),
  data: t.intersection([
    t.type({ code: NonEmptyString, provinceCode: NonEmptyString, effectiveDate: LocalDate, occurredAt: RecordedInstant }),
    t.partial({ parentCode: NonEmptyString }),
  ]),
});
export type UnitReattached = t.TypeOf<typeof UnitReattached>;

/** From `effectiveDate` the successor owns the unit's work (2025 mergers, district abolition). */
export const UnitDissolved = t.type({
  type: t.literal('UnitDissolved'),
  data: t.intersection([
    t.type({ code: NonEmptyString, successorCode: NonEmptyString, effectiveDate: LocalDate, occurredAt: RecordedInstant }),
    t.partial({ reason: NonEmptyString }),
  ]),
});
export type UnitDissolved = t.TypeOf<typeof UnitDissolved>;

export const UnitEvent = taggedUnion('UnitEvent', [UnitEstablished, UnitRenamed, UnitReattached, UnitDissolved]);
export type UnitEvent = t.TypeOf<typeof UnitEvent>;
