import { builtInCalendars } from '../calendar/registry.js';
import type { CalendarRegistry, WorkingDayCalendar } from '../calendar/types.js';
import type { UnitLevelInputs } from './read-models/satisfaction-support/unit-level-inputs.js';
import type { RuleBook } from '../rules/types.js';
import type { DocumentProjection } from './engine/document-projection.js';
import { documentQuery, type DocumentQuery, type DocumentStore, type ListQuery } from './engine/document-store.js';
import type { Explanation } from './explain/explanation.js';
import type { EventPosition, EventRefResolver } from './vocabulary/event-ref.js';
import type { KeySubject } from './vocabulary/key-subject.js';
import type { Period } from './vocabulary/period.js';

/**
 * A figure as a read model explains it: the events behind it named by their global positions (what
 * documents keep); `resolveExplanation` turns them into `EventRef`s from the log.
 */
export type ExplainedFigure = Omit<Explanation, 'contributions' | 'breaches'> & {
  readonly contributions: readonly EventPosition[];
  readonly breaches?: readonly (Omit<NonNullable<Explanation['breaches']>[number], 'event'> & { readonly event: EventPosition })[];
};

/** A figure without its arithmetic and events: what a dashboard shows, and the figure route answers. */
export type Figure = Pick<ExplainedFigure, 'readModel' | 'key' | 'value' | 'label' | 'notMeasured' | 'ruleSetVersions'>;

/** The figure part of an explanation. */
export const figureOf = ({ readModel, key, value, label, notMeasured, ruleSetVersions }: ExplainedFigure): Figure => ({
  readModel,
  key,
  value,
  ...(label === undefined ? {} : { label }),
  ...(notMeasured === undefined ? {} : { notMeasured }),
  ruleSetVersions,
});

/** A page of figure keys in key order; `next` is the `after` of the following page. */
export interface KeyPage {
  readonly keys: readonly string[];
  readonly next?: string;
}

/**
 * A read model: one projection of keyed documents, and the figures computed from them at query time
 * (a new rule set needs no rebuild). Figure keys begin with the province (`<tenantId>/…`), like the
 * documents they are computed from; each read model documents its key grammar in its folder.
 */
export interface ReadModel<D = unknown> {
  /** The read model's name in URLs and on the CLI, e.g. `timeliness`. */
  readonly name: string;
  readonly description: string;
  readonly projection: DocumentProjection<D>;
  /** A figure key without its province, for help texts, e.g. `timeliness/unit/tn-hcc/month/2026-03/onTimeRate`. */
  readonly exampleKey: string;
  /** Figure keys starting with `query.prefix` (which begins with a province), a page at a time. */
  readonly keys: (documents: DocumentQuery<D>, query: ListQuery) => Promise<KeyPage>;
  /** One figure with its arithmetic and its events; undefined for a key the read model has no figure for. */
  readonly explain: (documents: DocumentQuery<D>, key: string) => Promise<ExplainedFigure | undefined>;
  /**
   * The figure alone, for a read model that reads it from fewer documents than its explanation (from
   * counters, without listing the members behind them). It must equal the figure part of `explain`
   * for every key (a law over the registry: tests/read-side/paths.test.ts). Without it, `readFigure`
   * takes the figure from `explain`.
   */
  readonly figure?: (documents: DocumentQuery<D>, key: string) => Promise<Figure | undefined>;
  /**
   * The period a figure key counts (a day, month, quarter, year or `all`); undefined for a key of no
   * period. The registry answers a key of a period no rule set covers as one without a figure
   * (`withinRules`), before reading a document.
   */
  readonly periodOfKey?: (key: string) => Period | undefined;
  /**
   * The unit or officer a figure key is about (from `vocabulary/key-subject.ts`); undefined for a key
   * about neither. `withNamedSubjects` answers a key about one its province's log never names as one
   * without a figure (docs/read-side.md, "Units and officers the log never names").
   */
  readonly subjectOfKey?: (key: string) => KeySubject | undefined;
}

/** One figure of `readModel`: from its `figure` when it has one, else from its explanation. */
export const readFigure = async <D>(readModel: ReadModel<D>, documents: DocumentQuery<D>, key: string): Promise<Figure | undefined> => {
  if (readModel.figure !== undefined) return readModel.figure(documents, key);
  const explained = await readModel.explain(documents, key);
  return explained === undefined ? undefined : figureOf(explained);
};

/** The figure with its events as `EventRef`s, in global order. */
export const resolveExplanation = async (figure: ExplainedFigure, resolve: EventRefResolver): Promise<Explanation> => {
  const breachPositions = (figure.breaches ?? []).map((breach) => breach.event);
  const refs = await resolve([...figure.contributions, ...breachPositions]);
  const byPosition = new Map(refs.map((ref) => [ref.globalPosition, ref]));
  const refAt = (position: EventPosition) => {
    const ref = byPosition.get(position);
    if (ref === undefined) throw new Error(`${figure.readModel} ${figure.key}: no event at global position ${position}`);
    return ref;
  };
  const contributions = [...new Set(figure.contributions)].sort((a, b) => a - b).map(refAt);
  const { breaches, ...rest } = figure;
  return {
    ...rest,
    contributions,
    ...(breaches === undefined ? {} : { breaches: breaches.map((breach) => ({ ...breach, event: refAt(breach.event) })) }),
  };
};

/** What the built-in read models are built on: the desk's calendar and rule book, and figures no event carries. */
export interface ReadModelDeps {
  /** The desk's current calendar: what new decisions record as their `calendarVersion`. */
  readonly calendar: WorkingDayCalendar;
  /**
   * The published calendar versions, for the dates a read model computes from recorded facts with the
   * version those facts record (docs/domain/rules-in-time.md §4); default the built-in versions.
   */
  readonly calendars?: Pick<CalendarRegistry, 'calendarFor'>;
  readonly rules: RuleBook;
  /** Unit-level inputs by province (tenant id); decode each with `decodeUnitLevelInputs`. */
  readonly inputs?: Readonly<Record<string, UnitLevelInputs>>;
}

/**
 * The calendar of a version recorded on an event: the desk's current one, or a published version
 * (`deps.calendars`). A version neither knows throws `UnknownCalendarVersionError`, so a projection
 * stops at that event rather than count its days with another calendar's data.
 */
export const calendarOfVersion =
  (deps: Pick<ReadModelDeps, 'calendar' | 'calendars'>) =>
  (version: string): WorkingDayCalendar =>
    version === deps.calendar.version ? deps.calendar : (deps.calendars ?? builtInCalendars()).calendarFor(version);

/** The live documents of `readModel`'s projection in `store`, typed for its queries. */
export const readModelDocuments = <D>(store: DocumentStore, readModel: ReadModel<D>): DocumentQuery<D> => documentQuery<D>(store, readModel.projection.name);
