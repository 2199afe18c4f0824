import type { RuleBreach } from '../../rules/breach.js';
import type { RoundingMode } from '../../rules/types.js';
import type { EventRef } from '../vocabulary/event-ref.js';

export { eventRef, type EventRef } from '../vocabulary/event-ref.js';

/**
 * One step of arithmetic, with its operands, so the explanation can be re-added by anyone:
 * `sum`, `mean` (sum / count of inputs), `ratio` (inputs[0] / inputs[1]), `count` (number of
 * inputs), `round` (inputs[0] rounded to `digits` decimals by `mode`), `min`, `max`, `copy`
 * (inputs[0]). `band` maps a number to a label and is checked by the read model, not here.
 */
export type ArithmeticStep =
  | { readonly label: string; readonly op: 'sum' | 'mean' | 'count' | 'min' | 'max' | 'copy'; readonly inputs: readonly number[]; readonly result: number }
  | { readonly label: string; readonly op: 'ratio'; readonly inputs: readonly [number, number]; readonly result: number }
  | { readonly label: string; readonly op: 'round'; readonly inputs: readonly [number]; readonly digits: number; readonly mode: RoundingMode; readonly result: number }
  | { readonly label: string; readonly op: 'band'; readonly inputs: readonly [number]; readonly result: number; readonly band: string };

/** A figure of a read model with the events and the arithmetic behind it. */
export interface Explanation {
  readonly readModel: string;
  readonly key: string;
  /** The figure; `null` when it is not measured (see `notMeasured`). */
  readonly value: number | null;
  /** A label the figure maps to, e.g. a band such as "good" or a rating level. */
  readonly label?: string;
  readonly notMeasured?: string;
  /** Rule sets the contributing decisions were made under, oldest first. */
  readonly ruleSetVersions: readonly string[];
  /** Every event the figure depends on, in global order. */
  readonly contributions: readonly EventRef[];
  /** In order; the last step's result is `value`. */
  readonly steps: readonly ArithmeticStep[];
  /** Rules broken by the facts counted, as recorded on them (ADR 0010): for figures that count breaches. */
  readonly breaches?: readonly ExplainedBreach[];
  /**
   * For a figure over a unit's officers (the officer rating's unit figures): the officers serving the
   * unit on the period's last day by their assignments, by id, events in the period or none. What a
   * view of the unit's officers lists (docs/dashboard.md), never read out of `contributions`.
   */
  readonly officers?: readonly string[];
}

/** A recorded breach behind a figure: the event that carries it, and the conduct kind it counts under if any. */
export interface ExplainedBreach extends RuleBreach {
  readonly event: EventRef;
  readonly kind?: string;
}
