import type { t } from '../fp.js';
import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import type { Decider } from '../kernel/decider.js';
import type { DomainEvent } from '../kernel/envelope.js';
import type { Reference } from './references.js';
import { dossierReferences, feedbackReferences, incidentReferences, officerReferences, unitReferences } from './command-references.js';
import { createDossierDecider, dossierStreamId, DossierCommand, DossierEvent } from '../dossier/index.js';
import { createOfficerDecider, officerStreamId, OfficerCommand, OfficerEvent } from '../officer/index.js';
import { createIncidentDecider, incidentStreamId, IncidentCommand, IncidentEvent } from '../conduct/index.js';
import { createFeedbackDecider, feedbackStreamId, FeedbackCommand, FeedbackEvent } from '../feedback/index.js';
import { createUnitDecider, unitStreamId, UnitCommand, UnitEvent } from '../org/index.js';

export interface DomainDeps {
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
}

/** Everything the desk needs to know about one kind of stream. */
export interface StreamDefinition<Command extends DomainEvent, Event extends DomainEvent, State> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly streamIdPattern: string;
  readonly commandCodec: t.Type<Command, unknown, unknown> & { readonly tags: readonly string[] };
  readonly eventCodec: t.Type<Event, unknown, unknown> & { readonly members: ReadonlyMap<string, t.Mixed> };
  /** The stream id of the entity with this id (dossier code, officer id, ...) in this province. */
  readonly streamIdFor: (tenantId: string, id: string) => string;
  /** The stream a command goes to in the province it is sent for. */
  readonly streamIdOf: (command: Command, tenantId: string) => string;
  readonly createDecider: (deps: DomainDeps) => Decider<Command, Event, State>;
  /** Whom the stream concerns now, read from the decider's typed state, never from raw event fields. */
  readonly accessOf: (state: State) => StreamScope;
  /** The units and citizens a decoded command names, for checks made before it is decided. */
  readonly claimsOf: (command: Command) => CommandClaims;
  /** The officers and units the command names outside its stream, which must exist (docs/record-as-evidence.md). */
  readonly referencesOf: (command: Command) => readonly Reference[];
}

/** The unit an entity belongs to now and the citizens it concerns: what access to it is judged on. */
export interface StreamScope {
  /** Receiving unit, current assignment, incident or feedback unit; none yet for guidance only. */
  readonly unitId?: string;
  /** Applicant, feedback author, reporter. */
  readonly subjectIds: readonly string[];
}

/** The units and citizens a command names (a unit to file at, an applicant, who asks to withdraw). */
export interface CommandClaims {
  readonly unitIds: readonly string[];
  readonly subjectIds: readonly string[];
}

const NO_SCOPE: StreamScope = { subjectIds: [] };
const NO_CLAIMS: CommandClaims = { unitIds: [], subjectIds: [] };
const present = (...values: readonly (string | undefined)[]): string[] => values.filter((v): v is string => v !== undefined);
const scope = (unitId: string | undefined, ...subjectIds: readonly (string | undefined)[]): StreamScope => ({
  ...(unitId === undefined ? {} : { unitId }),
  subjectIds: present(...subjectIds),
});

const define = <Command extends DomainEvent, Event extends DomainEvent, State>(
  definition: StreamDefinition<Command, Event, State>,
) => definition;

export const dossierStream = define({
  name: 'dossier',
  title: 'Dossier (hồ sơ)',
  description:
    'One filing from guidance and receipt to the returned result and the citizen\'s rating (Decree 61/2018, Decree 118/2025).',
  streamIdPattern: 'dossier-<province>:<dossier code>',
  commandCodec: DossierCommand,
  eventCodec: DossierEvent,
  streamIdFor: dossierStreamId,
  streamIdOf: (command, tenantId) => dossierStreamId(tenantId, command.data.dossierCode),
  referencesOf: dossierReferences,
  createDecider: createDossierDecider,
  accessOf: (state) => scope(state.receivingUnitId, state.applicantId),
  claimsOf: (command) => {
    switch (command.type) {
      case 'SubmitDossier':
      case 'ReceiveDossier':
        return { unitIds: [command.data.receivingUnitId], subjectIds: [command.data.applicantId] };
      case 'RecordGuidance':
        return { unitIds: [], subjectIds: present(command.data.applicantId) };
      case 'WithdrawDossier':
        return { unitIds: [], subjectIds: present(command.data.requestedBy) };
      default:
        return NO_CLAIMS;
    }
  },
});

export const officerStream = define({
  name: 'officer',
  title: 'Officer (cán bộ, công chức, viên chức)',
  description: 'Appointments to desks, reassignment, leaving, periodic evaluations and discipline.',
  streamIdPattern: 'officer-<province>:<officer id>',
  commandCodec: OfficerCommand,
  eventCodec: OfficerEvent,
  streamIdFor: officerStreamId,
  streamIdOf: (command, tenantId) => officerStreamId(tenantId, command.data.officerId),
  referencesOf: officerReferences,
  createDecider: createOfficerDecider,
  accessOf: (state) => (state.status === 'not-appointed' ? NO_SCOPE : scope(state.assignment.unitId)),
  claimsOf: (command) =>
    command.type === 'AppointOfficer' || command.type === 'ReassignOfficer' ? { unitIds: [command.data.unitId], subjectIds: [] } : NO_CLAIMS,
});

export const incidentStream = define({
  name: 'incident',
  title: 'Conduct incident',
  description: 'A reported breach of the code of conduct, from report through investigation and conclusion to discipline and closure.',
  streamIdPattern: 'incident-<province>:<incident id>',
  commandCodec: IncidentCommand,
  eventCodec: IncidentEvent,
  streamIdFor: incidentStreamId,
  streamIdOf: (command, tenantId) => incidentStreamId(tenantId, command.data.incidentId),
  referencesOf: incidentReferences,
  createDecider: createIncidentDecider,
  accessOf: (state) => (state.stage === 'not-reported' ? NO_SCOPE : scope(state.unitId, state.reporterId)),
  claimsOf: (command) =>
    command.type === 'ReportIncident' ? { unitIds: [command.data.unitId], subjectIds: present(command.data.reporterId) } : NO_CLAIMS,
});

export const feedbackStream = define({
  name: 'feedback',
  title: 'Feedback (phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý, khen)',
  description: 'Citizen feedback received through any channel, answered, forwarded or escalated, and closed.',
  streamIdPattern: 'feedback-<province>:<feedback id>',
  commandCodec: FeedbackCommand,
  eventCodec: FeedbackEvent,
  streamIdFor: feedbackStreamId,
  streamIdOf: (command, tenantId) => feedbackStreamId(tenantId, command.data.feedbackId),
  referencesOf: feedbackReferences,
  createDecider: createFeedbackDecider,
  accessOf: (state) => (state.status === 'not-received' ? NO_SCOPE : scope(state.unitId, state.subjectId)),
  claimsOf: (command) =>
    command.type === 'ReceiveFeedback' ? { unitIds: present(command.data.unitId), subjectIds: present(command.data.subjectId) } : NO_CLAIMS,
});

export const unitStream = define({
  name: 'unit',
  title: 'Organisational unit',
  description: 'Province centres, commune desks and receipt points with effective dates and successor links (the 2025 mergers).',
  streamIdPattern: 'unit-<province>:<unit code>',
  commandCodec: UnitCommand,
  eventCodec: UnitEvent,
  streamIdFor: unitStreamId,
  streamIdOf: (command, tenantId) => unitStreamId(tenantId, command.data.code),
  referencesOf: unitReferences,
  createDecider: () => createUnitDecider(),
  accessOf: (state) => (state.status === 'not-established' ? NO_SCOPE : scope(state.code)),
  claimsOf: () => NO_CLAIMS,
});

export const STREAM_DEFINITIONS = [dossierStream, officerStream, incidentStream, feedbackStream, unitStream] as const;
