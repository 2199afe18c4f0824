import type { t } from '../fp.js';
import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import type { Decider } from '../kernel/decider.js';
import type { DomainEvent } from '../kernel/envelope.js';
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
}

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
  createDecider: createDossierDecider,
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
  createDecider: createOfficerDecider,
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
  createDecider: createIncidentDecider,
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
  createDecider: createFeedbackDecider,
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
  createDecider: () => createUnitDecider(),
});

export const STREAM_DEFINITIONS = [dossierStream, officerStream, incidentStream, feedbackStream, unitStream] as const;
