import { toVietnamDate } from '../../calendar/index.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { EventFields } from './fields.js';

export type Timeliness = 'early' | 'on-time' | 'late';
const TIMELINESS: readonly Timeliness[] = ['early', 'on-time', 'late'];
const CHANNELS = ['counter', 'online', 'postal'] as const;
export const CIRCULAR01_INDICES = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const SIPAS_ASPECTS = ['access', 'procedure', 'officers', 'result', 'feedbackHandling'] as const;
export type SipasAspect = (typeof SIPAS_ASPECTS)[number];

/**
 * What the dossier read models need from one event, validated and reduced to facts; `date` is the
 * Vietnamese calendar day of the event. Events of other kinds give `undefined`.
 */
export type Change =
  | { readonly kind: 'visit'; readonly code: string; readonly date: string }
  | { readonly kind: 'submitted'; readonly code: string; readonly date: string; readonly unit: string; readonly procedure: string; readonly counter: boolean }
  | { readonly kind: 'intake-supplement'; readonly code: string }
  | {
      readonly kind: 'received';
      readonly code: string;
      readonly date: string;
      readonly unit: string;
      readonly procedure: string;
      readonly officer: string;
      readonly channel: (typeof CHANNELS)[number];
      readonly due: string;
      readonly ruleSet: string;
    }
  | { readonly kind: 'supplement-requested'; readonly code: string; readonly date: string }
  | { readonly kind: 'supplement-received'; readonly code: string; readonly date: string; readonly due: string; readonly counter: boolean }
  | { readonly kind: 'forwarded'; readonly code: string; readonly date: string; readonly agency: string }
  | { readonly kind: 'agency-returned'; readonly code: string; readonly date: string; readonly agency: string; readonly stepDue: string }
  | { readonly kind: 'completed'; readonly code: string; readonly officer: string }
  | {
      readonly kind: 'apology';
      readonly code: string;
      readonly date: string;
      readonly due: string;
      readonly workingDaysBefore: number;
      readonly ruleSet: string;
    }
  | {
      readonly kind: 'returned';
      readonly code: string;
      readonly date: string;
      readonly timeliness: Timeliness;
      readonly timelinessAgainstOriginal: Timeliness;
      readonly counter: boolean;
    }
  | { readonly kind: 'withdrawn'; readonly code: string; readonly date: string }
  | {
      readonly kind: 'rated';
      readonly code: string;
      readonly date: string;
      readonly circular01: Readonly<Record<string, number>> | undefined;
      readonly sipas: Readonly<Record<string, number>> | undefined;
    }
  | { readonly kind: 'complaint-reported'; readonly incident: string; readonly code: string }
  | { readonly kind: 'complaint-concluded'; readonly incident: string; readonly substantiated: boolean }
  | { readonly kind: 'feedback-received'; readonly id: string; readonly date: string; readonly unit: string | undefined }
  | { readonly kind: 'feedback-handled'; readonly id: string; readonly onTime: boolean };

export const changeOf = (event: RecordedEvent): Change | undefined => {
  const parse = PARSERS[event.type];
  if (parse === undefined) return undefined;
  const fields = new EventFields(event);
  return parse(fields, () => toVietnamDate(fields.text('occurredAt')));
};

type Parser = (f: EventFields, day: () => string) => Change | undefined;

const PARSERS: Readonly<Record<string, Parser>> = {
  GuidanceGiven: (f, day) => (f.text('channel') === 'counter' ? { kind: 'visit', code: f.text('dossierCode'), date: day() } : undefined),
  DossierSubmitted: (f, day) => ({
    kind: 'submitted',
    code: f.text('dossierCode'),
    date: day(),
    unit: f.text('receivingUnitId'),
    procedure: f.text('procedureCode'),
    counter: f.oneOf('channel', CHANNELS) === 'counter',
  }),
  SupplementRequestedAtIntake: (f) => ({ kind: 'intake-supplement', code: f.text('dossierCode') }),
  DossierReceived: (f, day) => ({
    kind: 'received',
    code: f.text('dossierCode'),
    date: day(),
    unit: f.text('receivingUnitId'),
    procedure: f.text('procedureCode'),
    officer: f.text('officerId'),
    channel: f.oneOf('channel', CHANNELS),
    due: f.date('dueDate'),
    ruleSet: f.text('ruleSetId'),
  }),
  SupplementRequested: (f, day) => ({ kind: 'supplement-requested', code: f.text('dossierCode'), date: day() }),
  SupplementReceived: (f, day) => ({
    kind: 'supplement-received',
    code: f.text('dossierCode'),
    date: day(),
    due: f.date('dueDate'),
    counter: f.oneOf('deliveredVia', CHANNELS) === 'counter',
  }),
  ForwardedToAgency: (f, day) => ({ kind: 'forwarded', code: f.text('dossierCode'), date: day(), agency: f.text('agencyId') }),
  ReturnedFromAgency: (f, day) => ({
    kind: 'agency-returned',
    code: f.text('dossierCode'),
    date: day(),
    agency: f.text('agencyId'),
    stepDue: f.date('stepDueDate'),
  }),
  ProcessingCompleted: (f) => ({ kind: 'completed', code: f.text('dossierCode'), officer: f.text('officerId') }),
  ApologyIssued: (f, day) => ({
    kind: 'apology',
    code: f.text('dossierCode'),
    date: day(),
    due: f.date('newDueDate'),
    workingDaysBefore: f.count('workingDaysBeforeDue'),
    ruleSet: f.text('ruleSetId'),
  }),
  ResultReturned: (f) => ({
    kind: 'returned',
    code: f.text('dossierCode'),
    date: f.date('returnDate'),
    timeliness: f.oneOf('timeliness', TIMELINESS),
    timelinessAgainstOriginal: f.oneOf('timelinessAgainstOriginal', TIMELINESS),
    counter: f.oneOf('via', CHANNELS) === 'counter',
  }),
  DossierWithdrawn: (f, day) => ({ kind: 'withdrawn', code: f.text('dossierCode'), date: day() }),
  DossierRated: (f, day) => ({
    kind: 'rated',
    code: f.text('dossierCode'),
    date: day(),
    circular01: f.scores('circular01', CIRCULAR01_INDICES, 0, 2),
    sipas: f.scores('sipas', SIPAS_ASPECTS, 1, 5),
  }),
  IncidentReported: (f) => {
    const code = f.optionalText('dossierCode');
    return code === undefined ? undefined : { kind: 'complaint-reported', incident: f.text('incidentId'), code };
  },
  IncidentConcluded: (f) => ({
    kind: 'complaint-concluded',
    incident: f.text('incidentId'),
    substantiated: f.oneOf('outcome', ['substantiated', 'unfounded', 'false-accusation']) === 'substantiated',
  }),
  // Praise (khen) asks for no answer: it is not feedback to handle (as in the feedback compliance read model).
  FeedbackReceived: (f) =>
    f.text('kind') === 'khen' ? undefined : { kind: 'feedback-received', id: f.text('feedbackId'), date: f.date('receivedOn'), unit: f.optionalText('unitId') },
  FeedbackAnsweredOnTheSpot: (f) => ({ kind: 'feedback-handled', id: f.text('feedbackId'), onTime: true }),
  FeedbackForwarded: (f) => ({ kind: 'feedback-handled', id: f.text('feedbackId'), onTime: f.flag('onTime') }),
  FeedbackAnswered: (f) => ({ kind: 'feedback-handled', id: f.text('feedbackId'), onTime: f.flag('onTime') }),
};

/** The event types `changeOf` reads; every other type gives no change. */
export const DOSSIER_READ_MODEL_EVENT_TYPES: readonly string[] = Object.keys(PARSERS);
