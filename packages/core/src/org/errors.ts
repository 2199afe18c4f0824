/** Stable rejection codes of the organisational-unit stream. */
export const UnitErrorCode = {
  AlreadyEstablished: 'UNIT_ALREADY_ESTABLISHED',
  NotEstablished: 'UNIT_NOT_ESTABLISHED',
  Dissolved: 'UNIT_DISSOLVED',
  OwnParent: 'UNIT_OWN_PARENT',
  ParentRequired: 'UNIT_PARENT_REQUIRED',
  NoChange: 'UNIT_NO_CHANGE',
  EffectiveDateTooEarly: 'UNIT_EFFECTIVE_DATE_TOO_EARLY',
  SuccessorIsSelf: 'UNIT_SUCCESSOR_IS_SELF',
} as const;
export type UnitErrorCode = (typeof UnitErrorCode)[keyof typeof UnitErrorCode];
