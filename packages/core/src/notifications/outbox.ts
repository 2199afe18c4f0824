import type { DossierEvent } from '../dossier/events.js';
import { isLeft, t } from '../fp.js';
import type { DossierStatus } from '../dossier/state.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { defineProjection, type DocumentReader, type EventHandler, type EventHandlers } from '../read-side/engine/document-projection.js';
import { documentKey, documentPrefix } from '../read-side/vocabulary/document-key.js';

/** What a notification says happened (docs/notifications.md). */
export type NotificationType = 'dossier.status-changed' | 'dossier.due-date-changed';
export const NOTIFICATION_TYPES: readonly NotificationType[] = ['dossier.status-changed', 'dossier.due-date-changed'];

const STATUSES: Readonly<Record<DossierStatus, true>> = {
  NOT_STARTED: true, GUIDED: true, SUBMITTED: true, AWAITING_INTAKE_SUPPLEMENT: true, RECEIVED: true, IN_PROCESSING: true, AWAITING_SUPPLEMENT: true,
  WITH_AGENCY: true, PROCESSED: true, RESULT_READY: true, RETURNED: true, REFUSED_AT_INTAKE: true, WITHDRAWN: true,
};
/** Every status a message can name, for a subscription's filter. */
export const NOTIFIABLE_STATUSES = Object.keys(STATUSES) as readonly DossierStatus[];

/** A message of the outbox: written with the event that caused it, in the same transaction. */
export interface OutboxMessage {
  readonly kind: 'message';
  /** Stable: the same message keeps its id through retries and redrives, so receivers drop duplicates by it. */
  readonly id: string;
  readonly type: NotificationType;
  readonly tenantId: string;
  /** Global position of the event behind it. */
  readonly position: number;
  readonly eventType: string;
  readonly occurredAt: string;
  readonly data: {
    readonly dossierCode: string;
    readonly status: DossierStatus;
    readonly previousStatus?: DossierStatus;
    /** The promised return date in force. */
    readonly dueDate?: string;
    /** Documents asked for by a supplement request (form 02). */
    readonly missingDocuments?: readonly string[];
    /** The applicant's opaque subject id: a gateway looks the person up in its own identity store (docs/personal-data.md). */
    readonly applicantId?: string;
    readonly unitId?: string;
    readonly procedureCode?: string;
  };
}

/** What the outbox remembers of a dossier to tell a status change: its status, the agencies holding it, and what a message names. */
interface OutboxDossier {
  readonly kind: 'dossier';
  readonly status: DossierStatus;
  readonly agencies: readonly string[];
  readonly dueDate?: string;
  readonly applicantId?: string;
  readonly unitId?: string;
  readonly procedureCode?: string;
}

export type OutboxDocument = OutboxMessage | OutboxDossier;

const POSITION_DIGITS = 12;
export const OUTBOX_PROJECTION = 'notification-outbox';
/** `<tenant>/message/<position, 12 digits>`: a province's messages list in the order of the log. */
export const outboxMessageKey = (tenantId: string, position: number): string =>
  documentKey(tenantId, 'message', String(position).padStart(POSITION_DIGITS, '0'));
export const outboxMessagePrefix = (tenantId: string): string => documentPrefix(tenantId, 'message');
const dossierKey = (tenantId: string, code: string): string => documentKey(tenantId, 'dossier', code);

type Dossier = OutboxDossier | undefined;

/** The dossier after `event`, as the desk's decider moves its status (docs/domain/dossier-lifecycle.md). */
const evolveDossier = (before: Dossier, event: RecordedEvent<DossierEvent>): OutboxDossier => {
  const d: OutboxDossier = before ?? { kind: 'dossier', status: 'NOT_STARTED', agencies: [] };
  switch (event.type) {
    case 'GuidanceGiven':
      return d.status === 'NOT_STARTED' ? { ...d, status: 'GUIDED' } : d;
    case 'DossierSubmitted':
      return { ...d, status: 'SUBMITTED', applicantId: event.data.applicantId, unitId: event.data.receivingUnitId, procedureCode: event.data.procedureCode };
    case 'SupplementRequestedAtIntake':
      return { ...d, status: 'AWAITING_INTAKE_SUPPLEMENT' };
    case 'RefusedAtIntake':
      return { ...d, status: 'REFUSED_AT_INTAKE' };
    case 'DossierReceived':
      return { ...d, status: 'RECEIVED', applicantId: event.data.applicantId, unitId: event.data.receivingUnitId, procedureCode: event.data.procedureCode, dueDate: event.data.dueDate };
    case 'DossierTransferred':
      return { ...d, status: 'IN_PROCESSING' };
    case 'SupplementRequested':
      return { ...d, status: 'AWAITING_SUPPLEMENT' };
    case 'SupplementReceived':
      return { ...d, status: 'IN_PROCESSING', dueDate: event.data.dueDate };
    case 'ForwardedToAgency':
      return { ...d, status: 'WITH_AGENCY', agencies: d.agencies.includes(event.data.agencyId) ? d.agencies : [...d.agencies, event.data.agencyId] };
    case 'ReturnedFromAgency': {
      const agencies = d.agencies.filter((id) => id !== event.data.agencyId);
      return { ...d, agencies, status: agencies.length > 0 ? 'WITH_AGENCY' : 'IN_PROCESSING' };
    }
    case 'ProcessingCompleted':
      return { ...d, status: 'PROCESSED' };
    case 'ApologyIssued':
      return { ...d, dueDate: event.data.newDueDate };
    case 'ResultReady':
      return { ...d, status: 'RESULT_READY' };
    case 'ResultReturned':
      return { ...d, status: 'RETURNED' };
    case 'DossierWithdrawn':
      return { ...d, status: 'WITHDRAWN' };
    default:
      return d;
  }
};

const missingOf = (event: RecordedEvent<DossierEvent>): readonly string[] | undefined =>
  event.type === 'SupplementRequested' || event.type === 'SupplementRequestedAtIntake' ? event.data.missingDocuments : undefined;

/** The message `event` gives, if any: a change of status, or of the due date (an apology, form 04). */
const messageOf = (before: Dossier, after: OutboxDossier, event: RecordedEvent<DossierEvent>): OutboxMessage | undefined => {
  const previous = before?.status ?? 'NOT_STARTED';
  const type: NotificationType | undefined =
    after.status !== previous ? 'dossier.status-changed' : event.type === 'ApologyIssued' ? 'dossier.due-date-changed' : undefined;
  if (type === undefined) return undefined;
  const { tenantId, globalPosition, eventId } = event.metadata;
  const missingDocuments = missingOf(event);
  return {
    kind: 'message',
    id: `msg_${eventId}`,
    type,
    tenantId,
    position: globalPosition,
    eventType: event.type,
    occurredAt: event.data.occurredAt,
    data: {
      dossierCode: event.data.dossierCode,
      status: after.status,
      ...(previous === 'NOT_STARTED' ? {} : { previousStatus: previous }),
      ...(after.dueDate === undefined ? {} : { dueDate: after.dueDate }),
      ...(missingDocuments === undefined ? {} : { missingDocuments }),
      ...(after.applicantId === undefined ? {} : { applicantId: after.applicantId }),
      ...(after.unitId === undefined ? {} : { unitId: after.unitId }),
      ...(after.procedureCode === undefined ? {} : { procedureCode: after.procedureCode }),
    },
  };
};

const dossierOf = (documents: DocumentReader<OutboxDocument>, event: RecordedEvent<DossierEvent>): Dossier => {
  const document = documents.get(dossierKey(event.metadata.tenantId, event.data.dossierCode));
  return document?.kind === 'dossier' ? document : undefined;
};

// The message key comes first in `touches`, so its `evolve` reads the dossier as it was before the event.
const handler: EventHandler<OutboxDocument, RecordedEvent<DossierEvent>> = {
  touches: (event, documents) => {
    const before = dossierOf(documents, event);
    const key = dossierKey(event.metadata.tenantId, event.data.dossierCode);
    return messageOf(before, evolveDossier(before, event), event) === undefined ? [key] : [outboxMessageKey(event.metadata.tenantId, event.metadata.globalPosition), key];
  },
  evolve: (_document, event, key, documents) => {
    const before = dossierOf(documents, event);
    const after = evolveDossier(before, event);
    return key === dossierKey(event.metadata.tenantId, event.data.dossierCode) ? after : messageOf(before, after, event);
  },
};

const STATUS_EVENTS = [
  'GuidanceGiven', 'DossierSubmitted', 'SupplementRequestedAtIntake', 'RefusedAtIntake', 'DossierReceived', 'DossierTransferred',
  'SupplementRequested', 'SupplementReceived', 'ForwardedToAgency', 'ReturnedFromAgency', 'ProcessingCompleted', 'ApologyIssued',
  'ResultReady', 'ResultReturned', 'DossierWithdrawn',
] as const satisfies readonly DossierEvent['type'][];

/**
 * The transactional outbox of status notifications (docs/notifications.md): one projection of the one
 * engine. Folded inline, its messages commit in the append's own transaction, so a status change is
 * never stored without its message nor a message without its change. Keys:
 * `<tenant>/message/<position>` (a message) and `<tenant>/dossier/<code>` (the status it was told from).
 */
export const notificationOutboxProjection = defineProjection<OutboxDocument, DossierEvent>({
  name: OUTBOX_PROJECTION,
  version: 1,
  handlers: Object.fromEntries(STATUS_EVENTS.map((type) => [type, handler])) as EventHandlers<OutboxDocument, DossierEvent>,
});

const StoredMessage = t.type({
  kind: t.literal('message'),
  id: t.string,
  type: t.keyof({ 'dossier.status-changed': null, 'dossier.due-date-changed': null }),
  tenantId: t.string,
  position: t.number,
  eventType: t.string,
  occurredAt: t.string,
  data: t.type({ dossierCode: t.string, status: t.keyof(STATUSES) }),
});

/** An outbox document read back, checked: a message, or an error naming its key. */
export const outboxMessageOf = (key: string, value: unknown): OutboxMessage => {
  if (isLeft(StoredMessage.decode(value))) throw new Error(`${OUTBOX_PROJECTION}: document ${key} is not an outbox message`);
  return value as OutboxMessage;
};
