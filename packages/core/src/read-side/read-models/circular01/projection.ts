import type { IncidentSource } from '../../../conduct/vocabulary.js';
import type { DossierEvent } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { defineProjection, type DocumentReader } from '../../engine/document-projection.js';
import { documentKey, documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { NOTHING, Plan, planned, type SatisfactionDocument, type Tt01DossierDocument } from '../satisfaction-support/documents.js';
import { datedKey, keyOfId, rememberedKey } from '../../vocabulary/remembered-key.js';
import { feedbackCountsPrefix, feedbackHandlersIn } from '../satisfaction-support/feedback.js';
import { cellOf, profileOf, type Circular01Dimension, type Tt01Profile } from './scoring.js';
import { dayOf, dayOfEvent, periodOf } from '../../vocabulary/period.js';
import { resolutionOf } from '../dossier-support/index.js';

/**
 * Documents: `<tenant>/dossier/<code>` (what the dossier's indices are derived from),
 * `<tenant>/incident/<incidentId>` (a complaint about a dossier), counters
 * `<tenant>/scores/<officer|unit|province>/<id>/<YYYY-MM>` (returned dossiers by profile, by month of
 * return), lists `<tenant>/returned/<officer|unit|province>/<id>/<YYYY-MM-DD>` (the dossiers behind
 * them, with their sealed chunks `…/<YYYY-MM-DD>/<nnnn>`, see `day-list.ts`) and the feedback
 * documents of `feedback.ts`.
 */
export const dossierKey = keyOfId('dossier');
export const scoresPrefix = rememberedKey((tenantId: string, dimension: Circular01Dimension, id: string) => documentPrefix(tenantId, 'scores', dimension, keyPart(id)));
export const returnedPrefix = rememberedKey((tenantId: string, dimension: Circular01Dimension, id: string) => documentPrefix(tenantId, 'returned', dimension, keyPart(id)));
const incidentKey = (tenantId: string, incidentId: string) => documentKey(tenantId, 'incident', keyPart(incidentId));

type Draft = { -readonly [K in keyof Tt01DossierDocument]: Tt01DossierDocument[K] };

const sameProfile = (a: Tt01Profile, b: Tt01Profile): boolean =>
  a.day === b.day &&
  a.officer === b.officer &&
  a.unit === b.unit &&
  a.ruleSet === b.ruleSet &&
  a.timeliness === b.timeliness &&
  a.timelinessAgainstOriginal === b.timelinessAgainstOriginal &&
  a.step === b.step &&
  a.contacts === b.contacts &&
  a.supplemented === b.supplemented &&
  a.trips === b.trips &&
  a.complaint === b.complaint;

/** The list of the day and the counter document of the month of each scope of a profile: officer, unit, province. */
const scopeKeysOf = (tenantId: string, profile: Tt01Profile): { readonly lists: string[]; readonly counts: string[] } => {
  const lists: string[] = [];
  const counts: string[] = [];
  const month = periodOf(profile.day, 'month');
  const scope = (dimension: Circular01Dimension, id: string) => {
    lists.push(datedKey(returnedPrefix(tenantId, dimension, id), profile.day));
    counts.push(datedKey(scoresPrefix(tenantId, dimension, id), month));
  };
  if (profile.officer !== undefined) scope('officer', profile.officer);
  if (profile.unit !== undefined) scope('unit', profile.unit);
  scope('province', tenantId);
  return { lists, counts };
};

/**
 * The counters and lists follow the dossier's profile: what it contributed before the event is taken
 * out and what it contributes after is added, so a complaint concluded after the return moves index 7
 * of its periods, whichever order the streams interleave in. The dossier's document comes last.
 */
const dossierPlan = (tenantId: string, code: string, before: Tt01DossierDocument | undefined, next: Tt01DossierDocument, key = dossierKey(tenantId, code)): Plan => {
  const plan = new Plan();
  // Before its return a dossier is on no list and in no counter (most events of a dossier).
  const old = before?.returned === undefined ? undefined : profileOf(before);
  const now = next.returned === undefined ? undefined : profileOf(next);
  if (old === undefined ? now === undefined : now !== undefined && sameProfile(old, now)) return plan.put(key, next);
  const oldKeys = old === undefined ? undefined : scopeKeysOf(tenantId, old);
  const newKeys = now === undefined ? undefined : scopeKeysOf(tenantId, now);
  if (old !== undefined && oldKeys !== undefined) {
    const cell = cellOf(old);
    for (const counts of oldKeys.counts) plan.count(counts, cell, -1);
  }
  if (now !== undefined && newKeys !== undefined) {
    const cell = cellOf(now);
    for (const counts of newKeys.counts) plan.count(counts, cell, 1);
  }
  const oldLists = oldKeys?.lists ?? [];
  const newLists = newKeys?.lists ?? [];
  for (const list of oldLists) if (!newLists.includes(list)) plan.remove(list, code);
  if (newLists.length > 0) {
    const entry = { ref: code };
    for (const list of newLists) if (!oldLists.includes(list)) plan.add(list, entry);
  }
  return plan.put(key, next);
};

const tt01Of = (document: SatisfactionDocument | undefined): Tt01DossierDocument | undefined => (document?.kind === 'tt01' ? document : undefined);

const EMPTY: Tt01DossierDocument = Object.freeze({ kind: 'tt01', positions: Object.freeze([]) as readonly number[] });

/** Only two or fewer trips or more matters: the first three distinct days are kept. */
const tripsFull = (dossier: Tt01DossierDocument): boolean => (dossier.trips?.length ?? 0) >= 3;
/** A distinct day of a visit in person, into a draft. */
const addTrip = (draft: Draft, day: string): Draft => {
  const trips = draft.trips ?? [];
  if (trips.length < 3 && !trips.includes(day)) draft.trips = [...trips, day];
  return draft;
};
/** The dossier with the day of `event` as a visit (the dossier itself when it changes nothing). */
const withTripOf = (dossier: Tt01DossierDocument, event: { readonly data: { readonly occurredAt: string } }): Tt01DossierDocument => {
  if (tripsFull(dossier)) return dossier;
  const trips = dossier.trips ?? [];
  const day = dayOfEvent(event);
  return trips.includes(day) ? dossier : { ...dossier, trips: [...trips, day] };
};
/**
 * A draft of the dossier's next document, noting the event's position. Every field is written, in one
 * order (an absent one as undefined, which JSON leaves out): the drafts of every dossier share one shape,
 * which copies much faster than objects of many shapes.
 */
const noted = (dossier: Tt01DossierDocument, position: number): Draft => ({
  kind: 'tt01',
  unit: dossier.unit,
  officer: dossier.officer,
  handler: dossier.handler,
  ruleSet: dossier.ruleSet,
  filed: dossier.filed,
  contacts: dossier.contacts,
  applicantContacts: dossier.applicantContacts,
  steps: dossier.steps,
  stepScore: dossier.stepScore,
  trips: dossier.trips,
  returned: dossier.returned,
  timeliness: dossier.timeliness,
  timelinessAgainstOriginal: dossier.timelinessAgainstOriginal,
  complaint: dossier.complaint,
  citizen: dossier.citizen,
  rated: dossier.rated,
  positions: [...dossier.positions, position],
});
/** Step score on the TT01 scale: returned before its due day 2, on it 1, after it 0. */
const stepScoreOf = (returnedOn: string, stepDue: string): number => (returnedOn < stepDue ? 2 : returnedOn === stepDue ? 1 : 0);
/** A form 05 step's score from its recorded judgement: early 2, on time 1, late 0. */
const stepTimelinessScore = (timeliness: 'early' | 'on-time' | 'late'): number => (timeliness === 'early' ? 2 : timeliness === 'on-time' ? 1 : 0);

/** The dossier's next document; undefined when the event changes nothing TT01 reads. */
const evolveDossier = (before: Tt01DossierDocument | undefined, event: RecordedEvent<DossierEvent>): Tt01DossierDocument | undefined => {
  const dossier = before ?? EMPTY;
  const position = event.metadata.globalPosition;
  switch (event.type) {
    case 'GuidanceGiven':
      return event.data.channel === 'counter' ? withTripOf(dossier, event) : undefined;
    case 'DossierSubmitted': {
      const submitted: Draft = { ...dossier, unit: event.data.receivingUnitId, filed: true };
      return event.data.channel === 'counter' && !tripsFull(submitted) ? addTrip(submitted, dayOfEvent(event)) : submitted;
    }
    case 'SupplementRequestedAtIntake':
    case 'SupplementRequested': {
      // Every request is a contact; one the applicant's own fault made necessary is left out of index 3.
      const next = noted(dossier, position);
      next.contacts = (dossier.contacts ?? 0) + 1;
      if (event.data.causedByApplicant === true) next.applicantContacts = (dossier.applicantContacts ?? 0) + 1;
      return next;
    }
    case 'DossierReceived': {
      const { data } = event;
      const next = noted(dossier, position);
      // Filing straight at the counter is a visit; receiving a checked submission is not a new one.
      if (data.channel === 'counter' && dossier.filed !== true && !tripsFull(next)) addTrip(next, dayOf(data.occurredAt));
      next.unit = data.receivingUnitId;
      next.officer = data.officerId;
      next.ruleSet = data.ruleSetId;
      next.filed = true;
      return next;
    }
    case 'SupplementReceived':
      return event.data.deliveredVia === 'counter' ? withTripOf(dossier, event) : undefined;
    // Another agency's step (Art.19(6–7)) and a form 05 step of a body inside processing (Art.19(1–5))
    // both count for index 2; the worst step handed back decides (docs/domain/indices.md §1).
    case 'ForwardedToAgency':
    case 'StepAssigned': {
      const next = noted(dossier, position);
      next.steps = (dossier.steps ?? 0) + 1;
      return next;
    }
    case 'ReturnedFromAgency': {
      const next = noted(dossier, position);
      next.stepScore = Math.min(dossier.stepScore ?? 2, stepScoreOf(dayOfEvent(event), event.data.stepDueDate));
      return next;
    }
    case 'StepCompleted': {
      const next = noted(dossier, position);
      next.stepScore = Math.min(dossier.stepScore ?? 2, stepTimelinessScore(event.data.timeliness));
      return next;
    }
    case 'ProcessingCompleted': {
      const next = noted(dossier, position);
      next.handler = event.data.officerId;
      return next;
    }
    case 'ApologyIssued':
    case 'ResultReady':
      return noted(dossier, position);
    case 'ResultReturned': {
      const { data } = event;
      // Judged on the day the result reached the desk, else the return day (docs/domain/dossier-lifecycle.md §4).
      const resolution = resolutionOf(event);
      const next = noted(dossier, position);
      next.returned = data.returnDate;
      next.timeliness = resolution.timelinessAgainstDueDate;
      next.timelinessAgainstOriginal = resolution.timeliness;
      return data.via === 'counter' ? addTrip(next, data.returnDate) : next;
    }
    case 'DossierRated': {
      // Rated once: the decider refuses a second rating.
      if (dossier.rated === true) return undefined;
      const { circular01 } = event.data;
      const next = noted(dossier, position);
      next.rated = true;
      if (circular01 !== undefined) next.citizen = circular01;
      return next;
    }
    default:
      return undefined;
  }
};

const onDossierEvent = planned((event: RecordedEvent<DossierEvent>, documents: DocumentReader<SatisfactionDocument>): Plan => {
  const { tenantId } = event.metadata;
  const code = event.data.dossierCode;
  const key = dossierKey(tenantId, code);
  const before = tt01Of(documents.get(key));
  const next = evolveDossier(before, event);
  return next === undefined ? NOTHING : dossierPlan(tenantId, code, before, next, key);
});

export const CIRCULAR01_PROJECTION = 'circular01';

/** Where a complaint comes from: the applicant's side (their feedback, the hotline, the suggestion box), not a camera or an inspection. */
const COMPLAINT_SOURCES: ReadonlySet<IncidentSource> = new Set<IncidentSource>(['citizen-feedback', 'hotline', 'suggestion-box']);

/**
 * TT01 satisfaction evaluation (docs/domain/indices.md §1). Version 3: counter documents hold names
 * and counts side by side; version 4: a profile's counter names its most varying fields first;
 * version 5: index 3 leaves out supplements the applicant's fault made necessary (a counter names
 * whether any supplement was asked, for index 4), and form 05 steps count for index 2; version 6: a
 * day's list of returned dossiers is kept in chunks (`DayListDocument`); version 7: its sealed chunks
 * are documents of their own under the list's key, the list's document a small head (`day-list.ts`);
 * version 8: only an incident the applicant's side raised is a complaint for index 7; version 9:
 * feedback is counted by its legal kind, so the kinds index 8 measures are chosen at query time.
 */
export const circular01Projection = defineProjection<SatisfactionDocument>({
  name: CIRCULAR01_PROJECTION,
  version: 9,
  handlers: {
    GuidanceGiven: onDossierEvent,
    DossierSubmitted: onDossierEvent,
    SupplementRequestedAtIntake: onDossierEvent,
    DossierReceived: onDossierEvent,
    SupplementRequested: onDossierEvent,
    SupplementReceived: onDossierEvent,
    ForwardedToAgency: onDossierEvent,
    ReturnedFromAgency: onDossierEvent,
    StepAssigned: onDossierEvent,
    StepCompleted: onDossierEvent,
    ProcessingCompleted: onDossierEvent,
    ApologyIssued: onDossierEvent,
    ResultReady: onDossierEvent,
    ResultReturned: onDossierEvent,
    DossierRated: onDossierEvent,
    // A complaint is raised by the applicant's side; what a camera or an inspection finds is not one (docs/domain/indices.md §1, index 7).
    IncidentReported: planned((event) => {
      const { dossierCode, incidentId, source } = event.data;
      if (dossierCode === undefined || !COMPLAINT_SOURCES.has(source)) return NOTHING;
      const { tenantId, globalPosition } = event.metadata;
      return new Plan().put(incidentKey(tenantId, incidentId), { kind: 'incident', code: dossierCode, p: globalPosition });
    }),
    // A substantiated complaint about a dossier sets its index 7 to 0.
    IncidentConcluded: planned((event, documents) => {
      const { tenantId, globalPosition } = event.metadata;
      const incident = documents.get(incidentKey(tenantId, event.data.incidentId));
      if (incident?.kind !== 'incident' || event.data.outcome !== 'substantiated') return NOTHING;
      const before = tt01Of(documents.get(dossierKey(tenantId, incident.code)));
      const dossier = before ?? EMPTY;
      return dossierPlan(tenantId, incident.code, before, { ...dossier, complaint: true, positions: [...dossier.positions, incident.p, globalPosition] });
    }),
    ...feedbackHandlersIn(feedbackCountsPrefix),
  },
});
