import { t } from '../../fp.js';
import { NonEmptyString, NonNegativeInt, oneOf } from '../../kernel/primitives.js';
import { AnyRuleBreach } from '../../rules/breach.js';
import { RoundingModeCodec } from '../../rules/rounding-mode.js';
import { EventRefCodec } from '../vocabulary/event-ref.js';

export { eventRef, EventRefCodec, type EventRef } from '../vocabulary/event-ref.js';

/*
 * An explanation is what the library answers for a figure, and what the HTTP API's OpenAPI document
 * describes (components/schemas/Explanation): the codecs below are the one description of it, and the
 * types are read from them, so the two cannot differ.
 */

const Inputs = t.readonlyArray(t.number);
const OneInput = t.readonly(t.tuple([t.number]));

/**
 * One step of arithmetic, with its operands, so the explanation can be re-added by anyone:
 * `sum`, `mean` (sum / count of inputs), `ratio` (inputs[0] / inputs[1]), `count` (number of
 * inputs), `round` (inputs[0] rounded to `digits` decimals by `mode`), `min`, `max`, `copy`
 * (inputs[0]). `band` maps a number to a label and is checked by the read model, not here.
 */
export const ArithmeticStepCodec = t.union(
  [
    t.readonly(t.type({ label: t.string, op: oneOf('ArithmeticOp', ['sum', 'mean', 'count', 'min', 'max', 'copy']), inputs: Inputs, result: t.number }), 'ListStep'),
    t.readonly(t.type({ label: t.string, op: t.literal('ratio'), inputs: t.readonly(t.tuple([t.number, t.number])), result: t.number }), 'RatioStep'),
    t.readonly(t.type({ label: t.string, op: t.literal('round'), inputs: OneInput, digits: NonNegativeInt, mode: RoundingModeCodec, result: t.number }), 'RoundStep'),
    t.readonly(t.type({ label: t.string, op: t.literal('band'), inputs: OneInput, result: t.number, band: t.string }), 'BandStep'),
  ],
  'ArithmeticStep',
);
export type ArithmeticStep = t.TypeOf<typeof ArithmeticStepCodec>;

/** A recorded breach behind a figure (ADR 0010): the rule and its numbers, the event that carries it, and the conduct kind it counts under if any. */
export const ExplainedBreachCodec = t.readonly(
  t.intersection([AnyRuleBreach, t.type({ event: EventRefCodec }), t.partial({ kind: t.string })]),
  'ExplainedBreach',
);
export type ExplainedBreach = t.TypeOf<typeof ExplainedBreachCodec>;

/** A figure of a read model with the events and the arithmetic behind it. */
export const ExplanationCodec = t.readonly(
  t.intersection([
    t.type({
      readModel: NonEmptyString,
      key: NonEmptyString,
      /** The figure; `null` when it is not measured (see `notMeasured`). */
      value: t.union([t.number, t.null]),
      /** Rule sets the contributing decisions were made under, oldest first. */
      ruleSetVersions: t.readonlyArray(t.string),
      /** Every event the figure depends on, in global order. */
      contributions: t.readonlyArray(EventRefCodec),
      /** In order; the last step's result is `value`. */
      steps: t.readonlyArray(ArithmeticStepCodec),
    }),
    t.partial({
      /** A label the figure maps to, e.g. a band such as "good" or a rating level. */
      label: t.string,
      notMeasured: t.string,
      /** Rules broken by the facts counted, as recorded on them (ADR 0010): for figures that count breaches. */
      breaches: t.readonlyArray(ExplainedBreachCodec),
      /**
       * For a figure over a unit's officers (the officer rating's unit figures): the officers serving the
       * unit on the period's last day by their assignments, by id, events in the period or none. What a
       * view of the unit's officers lists (docs/dashboard.md), never read out of `contributions`.
       */
      officers: t.readonlyArray(t.string),
    }),
  ]),
  'Explanation',
);
export type Explanation = t.TypeOf<typeof ExplanationCodec>;
