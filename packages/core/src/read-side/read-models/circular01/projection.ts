import type { DossierEvent } from '../../../dossier/events.js';
import type { RecordedEvent } from '../../../kernel/envelope.js';
import { defineProjection, type DocumentReader } from '../../engine/document-projection.js';
import { documentKey, documentPrefix, keyPart } from '../../vocabulary/document-key.js';
import { addEntry, countUpdates, planned, removeEntry, type Plan, type SatisfactionDocument, type Tt01DossierDocument } from '../satisfaction-support/documents.js';
import { feedbackCountsPrefix, feedbackHandlersIn } from '../satisfaction-support/feedback.js';
import { cellOf, profileOf, type Circular01Dimension, type Tt01Profile } from './scoring.js';
import { dayOf, dayOfEvent, periodOf } from '../../vocabulary/period.js';
import { resolutionOf } from '../dossier-support/index.js';

/**
 * Documents: `<tenant>/dossier/<code>` (what the dossier's indices are derived from),
 * `<tenant>/incident/<incidentId>` (a complaint about a dossier), counters
 * `<tenant>/scores/<officer|unit|province>/<id>/<YYYY-MM>` (returned dossiers by profile, by month of
 * return), lists `<tenant>/returned/<officer|unit|province>/<id>/<YYYY-MM-DD>` (the dossiers behind
 * them) and the feedback documents of `feedback.ts`.
 */
export const dossierKey = (tenantId: string, code: string) => documentKey(tenantId, 'dossier', keyPart(code));
export const scoresPrefix = (tenantId: string, dimension: Circular01Dimension, id: string) => documentPrefix(tenantId, 'scores', dimension, keyPart(id));
export const returnedPrefix = (tenantId: string, dimension: Circular01Dimension, id: string) => documentPrefix(tenantId, 'returned', dimension, keyPart(id));
const incidentKey = (tenantId: string, incidentId: string) => documentKey(tenantId, 'incident', keyPart(incidentId));

const scopesOf = (tenantId: string, profile: Tt01Profile): (readonly [Circular01Dimension, string])[] => [
  ...(profile.officer === undefined ? [] : [['officer', profile.officer] as const]),
  ...(profile.unit === undefined ? [] : [['unit', profile.unit] as const]),
  ['province', tenantId],
];

/**
 * The counters and lists follow the dossier's profile: what it contributed before the event is taken
 * out and what it contributes after is added, so a complaint concluded after the return moves index 7
 * of its periods, whichever order the streams interleave in. The dossier's document comes last.
 */
const dossierPlan = (tenantId: string, code: string, before: Tt01DossierDocument | undefined, next: Tt01DossierDocument): Plan => {
  const old = profileOf(before);
  const now = profileOf(next);
  const listKeys = (profile: Tt01Profile | undefined) =>
    profile === undefined ? [] : scopesOf(tenantId, profile).map(([dimension, id]) => `${returnedPrefix(tenantId, dimension, id)}${profile.day}`);
  const counts = (profile: Tt01Profile | undefined, delta: number) =>
    profile === undefined
      ? []
      : scopesOf(tenantId, profile).map(([dimension, id]) => [`${scoresPrefix(tenantId, dimension, id)}${periodOf(profile.day, 'month')}`, cellOf(profile), delta] as const);
  const [oldLists, newLists] = [listKeys(old), listKeys(now)];
  return [
    ...countUpdates([...counts(old, -1), ...counts(now, 1)]),
    ...oldLists.filter((key) => !newLists.includes(key)).map((key) => [key, (document: SatisfactionDocument | undefined) => removeEntry(document, code)] as const),
    ...newLists.filter((key) => !oldLists.includes(key)).map((key) => [key, (document: SatisfactionDocument | undefined) => addEntry(document, { ref: code })] as const),
    [dossierKey(tenantId, code), () => next],
  ];
};

const tt01Of = (document: SatisfactionDocument | undefined): Tt01DossierDocument | undefined => (document?.kind === 'tt01' ? document : undefined);

const withTrip = (dossier: Tt01DossierDocument, day: string): Tt01DossierDocument => {
  const trips = dossier.trips ?? [];
  return trips.includes(day) || trips.length >= 3 ? dossier : { ...dossier, trips: [...trips, day] };
};
const noted = (dossier: Tt01DossierDocument, position: number): Tt01DossierDocument => ({ ...dossier, positions: [...dossier.positions, position] });
/** Step score on the TT01 scale: returned before its due day 2, on it 1, after it 0. */
const stepScoreOf = (returnedOn: string, stepDue: string): number => (returnedOn < stepDue ? 2 : returnedOn === stepDue ? 1 : 0);

/** The dossier's next document; undefined when the event changes nothing TT01 reads. */
const evolveDossier = (before: Tt01DossierDocument | undefined, event: RecordedEvent<DossierEvent>): Tt01DossierDocument | undefined => {
  const dossier: Tt01DossierDocument = before ?? { kind: 'tt01', positions: [] };
  const position = event.metadata.globalPosition;
  switch (event.type) {
    case 'GuidanceGiven':
      return event.data.channel === 'counter' ? withTrip(dossier, dayOfEvent(event)) : undefined;
    case 'DossierSubmitted': {
      const submitted: Tt01DossierDocument = { ...dossier, unit: event.data.receivingUnitId, filed: true };
      return event.data.channel === 'counter' ? withTrip(submitted, dayOfEvent(event)) : submitted;
    }
    case 'SupplementRequestedAtIntake':
    case 'SupplementRequested':
      return noted({ ...dossier, contacts: (dossier.contacts ?? 0) + 1 }, position);
    case 'DossierReceived': {
      const { data } = event;
      // Filing straight at the counter is a visit; receiving a checked submission is not a new one.
      const visited = data.channel === 'counter' && dossier.filed !== true ? withTrip(dossier, dayOf(data.occurredAt)) : dossier;
      return noted({ ...visited, unit: data.receivingUnitId, officer: data.officerId, ruleSet: data.ruleSetId, filed: true }, position);
    }
    case 'SupplementReceived':
      return event.data.deliveredVia === 'counter' ? withTrip(dossier, dayOfEvent(event)) : undefined;
    case 'ForwardedToAgency':
      return noted({ ...dossier, steps: (dossier.steps ?? 0) + 1 }, position);
    case 'ReturnedFromAgency':
      return noted({ ...dossier, stepScore: Math.min(dossier.stepScore ?? 2, stepScoreOf(dayOfEvent(event), event.data.stepDueDate)) }, position);
    case 'ProcessingCompleted':
      return noted({ ...dossier, handler: event.data.officerId }, position);
    case 'ApologyIssued':
    case 'ResultReady':
      return noted(dossier, position);
    case 'ResultReturned': {
      const { data } = event;
      // Judged on the day the result reached the desk, else the return day (docs/domain/dossier-lifecycle.md §4).
      const resolution = resolutionOf(event);
      const returned: Tt01DossierDocument = {
        ...dossier,
        returned: data.returnDate,
        timeliness: resolution.timelinessAgainstDueDate,
        timelinessAgainstOriginal: resolution.timeliness,
      };
      return noted(data.via === 'counter' ? withTrip(returned, data.returnDate) : returned, position);
    }
    case 'DossierRated': {
      // Rated once: the decider refuses a second rating.
      if (dossier.rated === true) return undefined;
      const { circular01 } = event.data;
      return noted({ ...dossier, rated: true, ...(circular01 === undefined ? {} : { citizen: circular01 }) }, position);
    }
    default:
      return undefined;
  }
};

const onDossierEvent = planned((event: RecordedEvent<DossierEvent>, documents: DocumentReader<SatisfactionDocument>): Plan => {
  const { tenantId } = event.metadata;
  const code = event.data.dossierCode;
  const before = tt01Of(documents.get(dossierKey(tenantId, code)));
  const next = evolveDossier(before, event);
  return next === undefined ? [] : dossierPlan(tenantId, code, before, next);
});

export const CIRCULAR01_PROJECTION = 'circular01';

/** TT01 satisfaction evaluation (docs/domain/indices.md §1). */
export const circular01Projection = defineProjection<SatisfactionDocument>({
  name: CIRCULAR01_PROJECTION,
  version: 2,
  handlers: {
    GuidanceGiven: onDossierEvent,
    DossierSubmitted: onDossierEvent,
    SupplementRequestedAtIntake: onDossierEvent,
    DossierReceived: onDossierEvent,
    SupplementRequested: onDossierEvent,
    SupplementReceived: onDossierEvent,
    ForwardedToAgency: onDossierEvent,
    ReturnedFromAgency: onDossierEvent,
    ProcessingCompleted: onDossierEvent,
    ApologyIssued: onDossierEvent,
    ResultReady: onDossierEvent,
    ResultReturned: onDossierEvent,
    DossierRated: onDossierEvent,
    IncidentReported: planned((event) => {
      const { dossierCode, incidentId } = event.data;
      if (dossierCode === undefined) return [];
      const { tenantId, globalPosition } = event.metadata;
      return [[incidentKey(tenantId, incidentId), () => ({ kind: 'incident', code: dossierCode, p: globalPosition })]];
    }),
    // A substantiated complaint about a dossier sets its index 7 to 0.
    IncidentConcluded: planned((event, documents) => {
      const { tenantId, globalPosition } = event.metadata;
      const incident = documents.get(incidentKey(tenantId, event.data.incidentId));
      if (incident?.kind !== 'incident' || event.data.outcome !== 'substantiated') return [];
      const before = tt01Of(documents.get(dossierKey(tenantId, incident.code)));
      const dossier: Tt01DossierDocument = before ?? { kind: 'tt01', positions: [] };
      return dossierPlan(tenantId, incident.code, before, { ...dossier, complaint: true, positions: [...dossier.positions, incident.p, globalPosition] });
    }),
    ...feedbackHandlersIn(feedbackCountsPrefix),
  },
});
