import type { RecordedEvent } from '../../../kernel/envelope.js';
import type { Verdict, VerdictStep } from '../../verdict.js';
import { viDate } from './words.js';

/**
 * What a step's Vietnamese wording is made from: the step's id and values (the evidence the verdict
 * kept), the verdict's outcome and moment, and the events the step rests on when the report was given
 * them. A template returns undefined when the step is not of the shape it knows, and the report then
 * shows the verdict's own (English) finding, marked as such.
 */
export interface StepContext {
  readonly verdict: Verdict;
  readonly step: VerdictStep;
  readonly events: ReadonlyMap<number, RecordedEvent>;
}

export type StepTemplate = (context: StepContext) => string | undefined;

export const value = (c: StepContext, name: string): string | number | boolean | null | undefined => c.step.values?.[name];

export const numberOf = (c: StepContext, name: string): number | undefined => {
  const found = value(c, name);
  return typeof found === 'number' ? found : undefined;
};

export const textOf = (c: StepContext, name: string): string | undefined => {
  const found = value(c, name);
  return typeof found === 'string' ? found : undefined;
};

/** The outcome's field, when the outcome is an object. */
export const outcomeOf = (c: StepContext, name: string): unknown => {
  const { outcome } = c.verdict;
  return outcome !== null && typeof outcome === 'object' ? (outcome as Readonly<Record<string, unknown>>)[name] : undefined;
};

/** The first event of one of `types` the step rests on, when the report holds it. */
export const stepEvent = (c: StepContext, ...types: readonly string[]): RecordedEvent | undefined =>
  c.step.events.map((position) => c.events.get(position)).find((event) => event !== undefined && types.includes(event.type));

/** The first event of one of `types` among all the verdict's events the report holds. */
export const verdictEvent = (c: StepContext, ...types: readonly string[]): RecordedEvent | undefined =>
  c.verdict.events.map((position) => c.events.get(position)).find((event) => event !== undefined && types.includes(event.type));

/** A field of an event's data, as text when it is a string. */
export const field = (event: RecordedEvent | undefined, name: string): string | undefined => {
  const data = event?.data as Readonly<Record<string, unknown>> | undefined;
  const found = data?.[name];
  return typeof found === 'string' ? found : undefined;
};

export const fieldValue = (event: RecordedEvent | undefined, name: string): unknown => (event?.data as Readonly<Record<string, unknown>> | undefined)?.[name];

/** How the moment is named, as the verdict's own findings name it ("as of …"). */
export const momentOf = (verdict: Verdict): string => {
  const { asOf } = verdict;
  if (asOf.businessTime !== undefined) return `tính đến ${viDate(asOf.businessTime)}`;
  if (asOf.judgedAt !== undefined) return `tính đến sự kiện #${asOf.globalPosition} (xét lúc ${viDate(asOf.judgedAt)})`;
  return 'tính đến sự kiện cuối cùng đã ghi nhận';
};

/** The last calendar version the verdict applied: the one lateness is counted with. */
export const calendarOf = (verdict: Verdict): string => verdict.calendarVersions[verdict.calendarVersions.length - 1] ?? '?';
