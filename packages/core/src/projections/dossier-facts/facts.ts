import type { Change } from './changes.js';
import type { DossierFacts } from './state.js';

type DossierChange = Exclude<Change, { kind: 'complaint-reported' | 'complaint-concluded' | 'feedback-received' | 'feedback-handled' }>;

const withTrip = (facts: DossierFacts, date: string): void => {
  const trips = (facts.trips ??= []);
  if (!trips.includes(date)) trips.push(date);
};

const closeSpan = (spans: [string, string | null][] | undefined, date: string): void => {
  const open = spans?.at(-1);
  if (open !== undefined && open[1] === null) open[1] = date;
};

/** Step score on the TT01 scale: returned before its due day 2, on it 1, after it 0. */
const stepScoreOf = (returnedOn: string, stepDue: string): number => (returnedOn < stepDue ? 2 : returnedOn === stepDue ? 1 : 0);

/**
 * Updates one dossier's facts in place. `workingDays` is computed by the caller (it needs the
 * calendar) before anything changes.
 */
export const evolveFacts = (facts: DossierFacts, change: DossierChange, workingDays: number | undefined): void => {
  switch (change.kind) {
    case 'visit':
      withTrip(facts, change.date);
      return;
    case 'submitted':
      facts.unit = change.unit;
      facts.procedure = change.procedure;
      if (change.counter) withTrip(facts, change.date);
      return;
    case 'intake-supplement':
      facts.contacts = (facts.contacts ?? 0) + 1;
      return;
    case 'received': {
      // Filing straight at the counter is a visit; receiving a checked submission is not a new one.
      if (change.channel === 'counter' && facts.received === undefined && facts.procedure === undefined) withTrip(facts, change.date);
      facts.unit = change.unit;
      facts.procedure = change.procedure;
      facts.officer = change.officer;
      facts.online = change.channel === 'online';
      facts.received = change.date;
      facts.due = change.due;
      facts.ruleSet = change.ruleSet;
      return;
    }
    case 'supplement-requested':
      facts.contacts = (facts.contacts ?? 0) + 1;
      (facts.supplementSpans ??= []).push([change.date, null]);
      return;
    case 'supplement-received':
      closeSpan(facts.supplementSpans, change.date);
      facts.due = change.due;
      if (change.counter) withTrip(facts, change.date);
      return;
    case 'forwarded':
      if ((facts.openSteps ?? 0) === 0) (facts.agencySpans ??= []).push([change.date, null]);
      facts.openSteps = (facts.openSteps ?? 0) + 1;
      facts.steps = (facts.steps ?? 0) + 1;
      return;
    case 'agency-returned':
      facts.openSteps = Math.max(0, (facts.openSteps ?? 0) - 1);
      if (facts.openSteps === 0) {
        closeSpan(facts.agencySpans, change.date);
        delete facts.openSteps;
      }
      facts.stepScore = Math.min(facts.stepScore ?? 2, stepScoreOf(change.date, change.stepDue));
      return;
    case 'completed':
      facts.handler = change.officer;
      return;
    case 'apology':
      facts.due = change.due;
      return;
    case 'returned':
      facts.closed = change.date;
      facts.returned = change.date;
      facts.timeliness = change.timeliness;
      facts.timelinessAgainstOriginal = change.timelinessAgainstOriginal;
      if (workingDays !== undefined) facts.workingDays = workingDays;
      if (change.counter) withTrip(facts, change.date);
      return;
    case 'withdrawn':
      facts.closed = change.date;
      facts.withdrawn = true;
      closeSpan(facts.supplementSpans, change.date);
      closeSpan(facts.agencySpans, change.date);
      return;
    case 'rated':
      facts.rated = change.date;
      if (change.circular01 !== undefined) facts.citizen = change.circular01;
      if (change.sipas !== undefined) facts.sipas = change.sipas;
      return;
  }
};

/** The officer a dossier's timeliness and TT01 scores are counted for: who completed it, else who received it. */
export const officerOf = (facts: DossierFacts): string | undefined => facts.handler ?? facts.officer;
