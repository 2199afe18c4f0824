import { t } from '../fp.js';
import { taggedUnion } from '../kernel/codec.js';
import { FreeText, Instant, LocalDate, NonEmptyString } from '../kernel/primitives.js';
import { UnitKind } from './vocabulary.js';

const change = { code: NonEmptyString, effectiveDate: LocalDate, occurredAt: Instant };

export const EstablishUnit = t.type({
  type: t.literal('EstablishUnit'),
  data: t.intersection([
    t.type({ ...change, name: FreeText, kind: UnitKind, provinceCode: NonEmptyString }),
    t.partial({ parentCode: NonEmptyString }),
  ]),
});
export type EstablishUnit = t.TypeOf<typeof EstablishUnit>;

export const RenameUnit = t.type({ type: t.literal('RenameUnit'), data: t.type({ ...change, name: FreeText }) });
export type RenameUnit = t.TypeOf<typeof RenameUnit>;

export const ReattachUnit = t.type({
  type: t.literal('ReattachUnit'),
  data: t.intersection([t.type({ ...change, provinceCode: NonEmptyString }), t.partial({ parentCode: NonEmptyString })]),
});
export type ReattachUnit = t.TypeOf<typeof ReattachUnit>;

export const DissolveUnit = t.type({
  type: t.literal('DissolveUnit'),
  data: t.intersection([t.type({ ...change, successorCode: NonEmptyString }), t.partial({ reason: FreeText })]),
});
export type DissolveUnit = t.TypeOf<typeof DissolveUnit>;

export const UnitCommand = taggedUnion('UnitCommand', [EstablishUnit, RenameUnit, ReattachUnit, DissolveUnit]);
export type UnitCommand = t.TypeOf<typeof UnitCommand>;
