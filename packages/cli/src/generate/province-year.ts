// A province-year of one-stop desk activity, generated from a seed: dossiers with guidance, supplements,
// inter-agency steps, apologies, returns, withdrawals and ratings; complaints about dossiers; feedback.
// Events are produced day by day in business-time order, one batch per stream and day, so a consumer
// holds one day and the events already scheduled for later days of dossiers still open, never the year.
// `motcua generate` and the read-model benchmarks (bench/read-models-workload.ts) share it.
import {
  createVietnamCalendar,
  defaultRuleBook,
  dossierStreamId,
  feedbackStreamId,
  incidentStreamId,
  officerStreamId,
  unitStreamId,
  type NewEvent,
  type NewEventJson,
} from '@motcua/core';
import { seededRandom } from '../seed/random.js';
import { HeldTexts, type DayTexts } from './held-texts.js';

export interface WorkloadOptions {
  /** About how many events in all; ignored when `dossiersPerUnitPerDay` is given. */
  readonly events?: number;
  readonly seed: number;
  readonly year: number;
  readonly units: number;
  readonly officersPerUnit: number;
  readonly procedures: number;
  readonly tenantId: string;
  /** Dossiers received per unit and working day (on average: each dossier goes to a unit drawn at random). */
  readonly dossiersPerUnitPerDay?: number;
  /**
   * How many working days of receipts, from the first of January of `year` (running into the next
   * year when it has fewer); default: every working day of `year`.
   */
  readonly workingDays?: number;
  /**
   * Start with the organisation the events refer to: each unit established (a commune desk) and each
   * officer appointed to it, in the December before `year`. Off by default (the benchmarks' slices).
   */
  readonly organisation?: boolean;
  /**
   * Keep each stream's events in business-time order: an event drawn at a time of day before the
   * stream's previous event that day is moved to a minute after it. Off by default, which keeps the
   * benchmarks' slices as they were generated (a few events there are minutes out of order).
   */
  readonly inBusinessTimeOrder?: boolean;
}

export interface DayBatch {
  readonly streamId: string;
  readonly events: NewEvent[];
  /** The stream's version before this batch (0: the batch creates it). */
  readonly expectedVersion: number;
}

/** `DayBatch` with each event's data as its JSON text (`provinceYearOfTexts`). */
export interface DayBatchOfTexts {
  readonly streamId: string;
  readonly events: NewEventJson[];
  readonly expectedVersion: number;
}

/**
 * A stream's events of one day, waiting for that day: per event its type, its data (which holds its
 * `occurredAt`), or where its data's JSON text is held (`HeldTexts`: chunk, first byte, length), its
 * time of day, its sequence number and whether a citizen acted, flat (`STRIDE` values each); the
 * envelope is built when the day is yielded, so the events of every open dossier cost little memory
 * meanwhile.
 */
interface Scheduled {
  readonly waiting: (string | number | boolean | Buffer | Record<string, unknown>)[];
  readonly expectedVersion: number;
}

const STRIDE = 7;

const EVENTS_PER_DOSSIER = 5.6; // a little under the mean of the mix below, so a slice reaches the size asked for
const ruleSets = new Map<string, string>();
/** The built-in rule set in force on a day, which a decision of that day records (docs/domain/rules-in-time.md). */
const ruleSetOn = (day: string): string => {
  let id = ruleSets.get(day);
  if (id === undefined) ruleSets.set(day, (id = defaultRuleBook().inForceAt(day).id));
  return id;
};
const LIMITS = [1, 3, 5, 5, 7, 10, 15, 20];

/** Yields, per Vietnamese day of the year, the batches to append that day (about `events` in all). */
export function* provinceYear(o: WorkloadOptions): Generator<DayBatch[]> {
  yield* days(o, false) as Generator<DayBatch[]>;
}

/**
 * `provinceYear` with each event's data as its JSON text, serialised when the event is scheduled: the
 * same events in the same order. The generator then holds a text per event of the dossiers still open
 * rather than its objects, which a collector copies and marks for as long as the dossier stays open
 * (`motcua generate`, docs/operations/sizing.md).
 */
export function* provinceYearOfTexts(o: WorkloadOptions): Generator<DayBatchOfTexts[]> {
  yield* days(o, true) as Generator<DayBatchOfTexts[]>;
}

function* days(o: WorkloadOptions, asJson: boolean): Generator<DayBatch[] | DayBatchOfTexts[]> {
  const rng = seededRandom(o.seed).next;
  const calendar = createVietnamCalendar();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const chance = (p: number) => rng() < p;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const units = Array.from({ length: o.units }, (_, u) => `unit-${pad(u + 1, 3)}`);
  const officers = units.map((_, u) => Array.from({ length: o.officersPerUnit }, (_, k) => `officer-${pad(u + 1, 3)}-${pad(k + 1, 2)}`));
  const procedures = Array.from({ length: o.procedures }, (_, p) => ({ code: `1.${pad(p + 1, 6)}`, limit: pick(LIMITS) }));
  const days = receiptDays(o, (day) => calendar.isWorkingDay(day));
  const workingDays = days.filter((day) => calendar.isWorkingDay(day));
  const perDay =
    o.dossiersPerUnitPerDay === undefined
      ? Math.max(1, Math.round((o.events ?? 0) / EVENTS_PER_DOSSIER / workingDays.length))
      : Math.max(1, Math.round(o.dossiersPerUnitPerDay * o.units));
  const pending = new Map<string, Map<string, Scheduled>>(); // day → stream → events
  // With `asJson`, each day's data texts, held outside the heap until the day is yielded.
  const held = new HeldTexts();
  const heldByDay = new Map<string, DayTexts>();
  // Events scheduled so far per stream of the dossier (or feedback) being generated: all of a stream's
  // events are scheduled by one call, so the map is emptied after it and memory stays flat.
  const scheduled = new Map<string, number>();
  const lastTime = new Map<string, string>(); // stream → `${day}T${time}` of its latest event, with `inBusinessTimeOrder`
  const minuteAfter = (time: string) => {
    const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + 1;
    return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
  };
  let sequence = 0;
  // Read-only and shared by every event: the stores serialise them, never change them.
  const officerActor = { id: 'officer', role: 'receptionist' as const };
  const citizenActor = { id: 'citizen', role: 'citizen' as const };
  const schedule = (day: string, streamId: string, type: string, time: string, data: Record<string, unknown>, actor = 'officer') => {
    if (o.inBusinessTimeOrder === true) {
      const previous = lastTime.get(streamId);
      if (previous !== undefined && previous >= `${day}T${time}`) {
        if (previous.slice(0, 10) !== day) throw new Error(`${type} of ${streamId} falls on ${day}, before the stream's previous event (${previous})`);
        time = minuteAfter(previous.slice(11));
      }
      lastTime.set(streamId, `${day}T${time}`);
    }
    const occurredAt = `${day}T${time}:00+07:00`;
    const byStream = pending.get(day) ?? new Map<string, Scheduled>();
    pending.set(day, byStream);
    const before = scheduled.get(streamId) ?? 0;
    scheduled.set(streamId, before + 1);
    let entry = byStream.get(streamId);
    if (entry === undefined) {
      entry = { waiting: [], expectedVersion: before };
      byStream.set(streamId, entry);
    }
    sequence++;
    if (asJson) {
      let texts = heldByDay.get(day);
      if (texts === undefined) {
        texts = held.newDay();
        heldByDay.set(day, texts);
      }
      // The text of `data` with `occurredAt` as its last key (as the objects get it below), written
      // into the text: `data` is a non-empty literal without that key, and the time needs no escape.
      const json = JSON.stringify(data);
      held.hold(texts, `${json.slice(0, -1)},"occurredAt":"${occurredAt}"}`);
      const { chunk, start, length } = held.last;
      entry.waiting.push(type, chunk, start, length, time, sequence, actor === 'citizen');
    } else {
      // `data` is a fresh literal of the caller: adding the key keeps the order a spread would give, without the copy.
      data.occurredAt = occurredAt;
      entry.waiting.push(type, data, 0, 0, time, sequence, actor === 'citizen');
    }
  };
  const metadataOf = (day: string, waiting: Scheduled['waiting'], i: number): NewEvent['metadata'] => {
    const correlationId = `c-${waiting[i + 5] as number}`;
    return {
      occurredAt: `${day}T${waiting[i + 4] as string}:00+07:00`,
      actor: waiting[i + 6] === true ? citizenActor : officerActor,
      tenantId: o.tenantId,
      correlationId,
      causationId: correlationId,
      ruleSetVersion: ruleSetOn(day),
    };
  };
  const eventsOf = (day: string, waiting: Scheduled['waiting']): NewEvent[] | NewEventJson[] => {
    const count = waiting.length / STRIDE;
    if (asJson) {
      const texts = new Array<NewEventJson>(count);
      for (let i = 0; i < count; i++) {
        const at = i * STRIDE;
        const dataJson = held.text(waiting[at + 1] as Buffer, waiting[at + 2] as number, waiting[at + 3] as number);
        texts[i] = { type: waiting[at] as string, dataJson, metadata: metadataOf(day, waiting, at) };
      }
      return texts;
    }
    const events = new Array<NewEvent>(count);
    for (let i = 0; i < count; i++) {
      events[i] = { type: waiting[i * STRIDE] as string, data: waiting[i * STRIDE + 1] as Record<string, unknown>, metadata: metadataOf(day, waiting, i * STRIDE) };
    }
    return events;
  };
  /** The day's batches; its held texts are read, and their chunks serve later days. */
  const batchesOf = (day: string, streams: ReadonlyMap<string, Scheduled>): DayBatch[] | DayBatchOfTexts[] => {
    const batches = [...streams].map(([streamId, { waiting, expectedVersion }]) => ({ streamId, events: eventsOf(day, waiting), expectedVersion })) as DayBatch[] | DayBatchOfTexts[];
    const texts = heldByDay.get(day);
    if (texts !== undefined) {
      held.release(texts);
      heldByDay.delete(day);
    }
    return batches;
  };
  const time = (from: number, to: number) => {
    const minutes = from * 60 + Math.floor(rng() * (to - from) * 60);
    return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
  };
  const wd = (day: string, n: number) => calendar.addWorkingDays(day, n);
  const versus = (returned: string, due: string) => (returned < due ? 'early' : returned === due ? 'on-time' : 'late');

  const dossier = (day: string, u: number, n: number) => {
    // A dossier is decided under the rule set in force at its receipt, for its whole processing (docs/domain/rules-in-time.md §1).
    const receiptRules = ruleSetOn(day);
    const unit = units[u] as string;
    const officer = pick(officers[u] as string[]);
    const handler = pick(officers[u] as string[]);
    const procedure = pick(procedures);
    const code = `000.00.${pad(u + 1, 2)}.H12-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${pad(n, 4)}`;
    const stream = dossierStreamId(o.tenantId, code);
    const channel = chance(0.45) ? 'online' : chance(0.85) ? 'counter' : 'postal';
    if (chance(0.25)) schedule(day, stream, 'GuidanceGiven', '07:45', { dossierCode: code, officerId: officer, channel: chance(0.5) ? 'counter' : 'phone' });
    const at = time(7.5, 16.5);
    const start = calendar.processingStartDate(`${day}T${at}:00+07:00`, '15:00');
    let due = wd(start, procedure.limit);
    const documents = ['Application form', 'ID copy', 'Site plan'];
    schedule(day, stream, 'DossierReceived', at, {
      dossierCode: code,
      receivingUnitId: unit,
      procedureCode: procedure.code,
      procedureVersion: '2025-07-01',
      requiredDocuments: documents,
      channel,
      applicantId: `subject-${Math.floor(rng() * 1e9).toString(36)}`,
      priorityGroup: 'none',
      documents,
      feeDong: 50_000,
      publishedFeeDong: 50_000,
      officerId: officer,
      ruleSetId: receiptRules,
      calendarVersion: calendar.version,
      timeLimit: { amount: procedure.limit, unit: 'working-days' },
      immediateResult: false,
      transferCutoff: '15:00',
      receiptDayCounts: false,
      processingStartDate: start,
      dueDate: due,
    });
    schedule(start, stream, 'DossierTransferred', start === day ? '16:45' : '08:15', { dossierCode: code, officerId: officer, processingStartDate: start, onTime: true });
    let cursor = start;
    let original = due;
    if (chance(0.2)) {
      const asked = wd(start, 1 + Math.floor(rng() * 2));
      const back = wd(asked, 1 + Math.floor(rng() * 4));
      schedule(asked, stream, 'SupplementRequested', '10:00', {
        dossierCode: code,
        officerId: handler,
        missingDocuments: ['Site plan'],
        requestNumber: 1,
        workingDaysSinceReceipt: calendar.workingDaysBetween(start, asked),
        ruleSetId: receiptRules,
      });
      due = wd(back, procedure.limit);
      original = due;
      schedule(back, stream, 'SupplementReceived', '09:30', {
        dossierCode: code,
        officerId: officer,
        deliveredVia: channel,
        clockPolicy: 'RESTART',
        resumeDate: back,
        dueDate: due,
        ruleSetId: receiptRules,
        calendarVersion: calendar.version,
      });
      cursor = back;
    }
    if (chance(0.25)) {
      const steps = chance(0.2) ? 2 : 1;
      for (let s = 0; s < steps; s++) {
        const agencyId = `agency-${pad(Math.floor(rng() * 12) + 1, 2)}`;
        const sent = wd(cursor, 1);
        const limit = 1 + Math.floor(rng() * 3);
        const stepDue = wd(sent, limit);
        const back = wd(sent, Math.max(1, limit + Math.floor(rng() * 3) - 1));
        schedule(sent, stream, 'ForwardedToAgency', '11:00', {
          dossierCode: code,
          officerId: handler,
          agencyId,
          stepLimitWorkingDays: limit,
          stepStartDate: sent,
          stepDueDate: stepDue,
          calendarVersion: calendar.version,
        });
        schedule(back, stream, 'ReturnedFromAgency', '14:00', { dossierCode: code, agencyId, stepDueDate: stepDue, onTime: back <= stepDue });
        cursor = back;
      }
    }
    if (chance(0.02)) {
      schedule(wd(cursor, 1), stream, 'DossierWithdrawn', '10:30', { dossierCode: code, reason: 'no longer needed', requestedBy: 'subject' });
      return;
    }
    const late = chance(0.08);
    if (late && chance(0.6)) {
      const apologyDay = cursor;
      const newDue = wd(due, 3);
      schedule(apologyDay, stream, 'ApologyIssued', '15:30', {
        dossierCode: code,
        officerId: handler,
        reason: 'site inspection delayed',
        previousDueDate: due,
        originalDueDate: original,
        newDueDate: newDue,
        workingDaysBeforeDue: Math.max(0, calendar.workingDaysBetween(apologyDay, due)),
        ruleSetId: receiptRules,
        calendarVersion: calendar.version,
      });
      due = newDue;
    }
    const span = Math.max(0, calendar.workingDaysBetween(cursor, due));
    let returned = late ? wd(due, 1 + Math.floor(rng() * 4)) : wd(cursor, Math.floor(rng() * (span + 1)));
    if (returned < cursor) returned = cursor;
    schedule(returned, stream, 'ProcessingCompleted', '08:30', { dossierCode: code, officerId: handler, decision: chance(0.97) ? 'approved' : 'refused', reason: 'decided' });
    // The result reaches the desk the day it is decided; one citizen in five collects it 1 to 3 working days later.
    const ready = { readyDate: returned, timeliness: versus(returned, due), timelinessAgainstOriginal: versus(returned, original) };
    schedule(returned, stream, 'ResultReady', '08:45', { dossierCode: code, officerId: handler, readyDate: ready.readyDate, timeliness: ready.timeliness, timelinessAgainstOriginal: ready.timelinessAgainstOriginal, dueDate: due, originalDueDate: original });
    if (chance(0.2)) returned = wd(returned, 1 + Math.floor(rng() * 3));
    const via = channel === 'online' && chance(0.5) ? 'online' : 'counter';
    schedule(returned, stream, 'ResultReturned', time(9, 17), {
      dossierCode: code,
      officerId: officer,
      via,
      returnDate: returned,
      dueDate: due,
      originalDueDate: original,
      timeliness: versus(returned, due),
      timelinessAgainstOriginal: versus(returned, original),
      ready,
    });
    if (chance(0.4)) {
      const level = () => (chance(0.85) ? 4 + Math.floor(rng() * 2) : 1 + Math.floor(rng() * 3));
      const sipas: Record<string, number> = { access: level(), procedure: level(), officers: level(), result: level() };
      if (chance(0.3)) sipas.feedbackHandling = level();
      const rating: Record<string, unknown> = { dossierCode: code, channel: 'counter-device', sipas };
      if (chance(0.3)) rating.circular01 = { '1': versus(returned, due) === 'late' ? 0 : 2, '7': chance(0.9) ? 2 : 1 };
      schedule(returned, stream, 'DossierRated', '17:30', rating, 'citizen');
    }
    if (chance(0.01)) {
      const incidentId = `INC-${code}`;
      const incident = incidentStreamId(o.tenantId, incidentId);
      const reportedOn = wd(returned, 1);
      schedule(reportedOn, incident, 'IncidentReported', '10:00', {
        incidentId,
        source: 'citizen-feedback',
        category: 'C01',
        officerId: officer,
        unitId: unit,
        description: 'raised voice at the counter',
        answerRequired: true,
        reportedOn,
        nextStep: 'acknowledge',
        nextStepDueDate: wd(reportedOn, 2),
        dossierCode: code,
        ruleSetId: ruleSetOn(reportedOn),
        calendarVersion: calendar.version,
      });
      const ack = wd(reportedOn, 1);
      schedule(ack, incident, 'IncidentAcknowledged', '10:00', { incidentId, severity: 'minor', category: 'C01', doneOn: ack, dueDate: wd(reportedOn, 2), onTime: true, nextStep: 'investigate', nextStepDueDate: wd(ack, 10), ruleSetId: ruleSetOn(ack), calendarVersion: calendar.version });
      const concluded = wd(ack, 5);
      schedule(concluded, incident, 'IncidentConcluded', '10:00', {
        incidentId,
        outcome: chance(0.6) ? 'substantiated' : 'unfounded',
        doneOn: concluded,
        dueDate: wd(ack, 10),
        onTime: true,
      });
    }
  };

  if (o.organisation === true) {
    const organisation = organisationOf(o, units, officers);
    yield asJson
      ? organisation.map(({ streamId, events, expectedVersion }) => ({
          streamId,
          events: events.map(({ type, data, metadata }): NewEventJson => ({ type, dataJson: JSON.stringify(data), metadata })),
          expectedVersion,
        }))
      : organisation;
  }
  let feedbackNumber = 0;
  for (const day of days) {
    if (calendar.isWorkingDay(day)) {
      const counters = new Map<number, number>();
      for (let i = 0; i < perDay; i++) {
        const u = Math.floor(rng() * units.length);
        const n = (counters.get(u) ?? 0) + 1;
        counters.set(u, n);
        dossier(day, u, n);
        scheduled.clear();
        lastTime.clear();
      }
      for (let i = 0; i < Math.max(1, Math.round(perDay / 60)); i++) {
        const feedbackId = `FB-${++feedbackNumber}`;
        const stream = feedbackStreamId(o.tenantId, feedbackId);
        const dueDate = wd(day, 10);
        schedule(day, stream, 'FeedbackReceived', '09:00', {
          feedbackId,
          channel: 'hotline',
          kind: 'phan-anh',
          summary: 'waited too long',
          receivedOn: day,
          dueDate,
          deadlineWorkingDays: 10,
          forwardingDueDate: wd(day, 5),
          ruleSetId: ruleSetOn(day),
          calendarVersion: calendar.version,
          unitId: pick(units),
        });
        const answered = wd(day, 1 + Math.floor(rng() * 12));
        schedule(answered, stream, 'FeedbackAnswered', '15:00', { feedbackId, answeredOn: answered, dueDate, onTime: answered <= dueDate });
        scheduled.clear();
        lastTime.clear();
      }
    }
    const today = pending.get(day);
    pending.delete(day);
    if (today !== undefined) yield batchesOf(day, today);
  }
  // Events scheduled into the next year close the slice.
  for (const day of [...pending.keys()].sort()) {
    yield batchesOf(day, pending.get(day) ?? new Map<string, Scheduled>());
  }
}

/**
 * Working days past the last day of receipts within which every event of a dossier received that day
 * falls: the longest time limit twice over (a supplement restarts it, an apology moves the due date),
 * with inter-agency steps, a late return, a result collected days later, a complaint's incident and a
 * feedback's answer. A bound, not a count (the generator's test checks every event keeps within it).
 */
const TAIL_WORKING_DAYS = 2 * Math.max(...LIMITS) + 40;

/** The last Vietnamese day any event of the workload can be dated: its last day of receipts plus the tail. */
export const lastDayOf = (o: Pick<WorkloadOptions, 'year' | 'workingDays'>): string => {
  const calendar = createVietnamCalendar();
  const days = receiptDays(o, (day) => calendar.isWorkingDay(day));
  return calendar.addWorkingDays(days.at(-1) as string, TAIL_WORKING_DAYS);
};

/** The days whose receipts are generated: every day of `year`, or until `workingDays` working days. */
const receiptDays = (o: Pick<WorkloadOptions, 'year' | 'workingDays'>, isWorkingDay: (day: string) => boolean): string[] => {
  const days: string[] = [];
  const d = new Date(Date.UTC(o.year, 0, 1));
  if (o.workingDays === undefined) {
    for (; d.getUTCFullYear() === o.year; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
    return days;
  }
  for (let working = 0; working < o.workingDays; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    days.push(day);
    if (isWorkingDay(day)) working++;
  }
  return days;
};

/** Roles of a desk's officers: a head, then receiving and processing officers, one approver in five. */
const roleOf = (k: number) => (k === 0 ? 'desk-head' : k % 5 === 4 ? 'approver' : k % 2 === 1 ? 'receiving-officer' : 'processing-officer');

/** Each unit established and each officer appointed, early in the December before the year. */
const organisationOf = (o: WorkloadOptions, units: readonly string[], officers: readonly (readonly string[])[]): DayBatch[] => {
  const decided = `${o.year - 1}-12-01`;
  const effectiveDate = `${o.year - 1}-12-15`;
  const metadata = (occurredAt: string, n: number) => ({
    occurredAt,
    actor: { id: 'director', role: 'director' as const },
    tenantId: o.tenantId,
    correlationId: `org-${n}`,
    causationId: `org-${n}`,
    ruleSetVersion: ruleSetOn(occurredAt.slice(0, 10)),
  });
  let n = 0;
  const batches: DayBatch[] = units.map((code, u) => {
    const occurredAt = `${decided}T08:00:00+07:00`;
    const data = { code, name: `Bộ phận Một cửa ${u + 1}`, kind: 'commune-desk', provinceCode: o.tenantId, effectiveDate, occurredAt };
    return { streamId: unitStreamId(o.tenantId, code), events: [{ type: 'UnitEstablished', data, metadata: metadata(occurredAt, ++n) }], expectedVersion: 0 };
  });
  units.forEach((unitId, u) =>
    (officers[u] ?? []).forEach((officerId, k) => {
      const occurredAt = `${decided}T09:00:00+07:00`;
      const data = {
        officerId,
        unitId,
        deskLevel: 'commune',
        role: roleOf(k),
        fields: roleOf(k) === 'processing-officer' || roleOf(k) === 'approver' ? ['Hộ tịch', 'Đất đai'] : [],
        effectiveDate,
        legalStatus: 'civil-servant',
        secondingAgencyId: `commune-committee-${u + 1}`,
        occurredAt,
      };
      batches.push({
        streamId: officerStreamId(o.tenantId, officerId),
        events: [{ type: 'OfficerAppointed', data, metadata: metadata(occurredAt, ++n) }],
        expectedVersion: 0,
      });
    }),
  );
  return batches;
};
