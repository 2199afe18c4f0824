import { describe, expect, it } from 'vitest';
import { createDesk, STREAM_DEFINITIONS, type EventStore, type RecordedEvent } from '@motcua/core';
import { DEMO_TENANT, seedDemoProvince, SeedConflictError } from './index.js';

const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after });
    events.push(...page.events);
    after = page.nextPosition;
    if (page.isEnd) return events;
  }
};

/** Type and data per stream: what the seed decides, without ids and recorded times. */
const byStream = (events: readonly RecordedEvent[]) => {
  const streams = new Map<string, { type: string; data: unknown }[]>();
  for (const event of events) {
    const list = streams.get(event.metadata.streamId) ?? [];
    list.push({ type: event.type, data: event.data });
    streams.set(event.metadata.streamId, list);
  }
  return Object.fromEntries([...streams].sort(([a], [b]) => a.localeCompare(b)));
};

describe('seedDemoProvince', () => {
  it('gives the same events per stream for the same seed', async () => {
    const first = createDesk();
    const second = createDesk();
    await seedDemoProvince(first, { months: 1 });
    await seedDemoProvince(second, { months: 1 });
    expect(byStream(await readLog(second.store))).toEqual(byStream(await readLog(first.store)));
  });

  it('gives another province for another seed', async () => {
    const a = createDesk();
    const b = createDesk();
    await seedDemoProvince(a, { months: 1, seed: 1 });
    await seedDemoProvince(b, { months: 1, seed: 2 });
    expect(byStream(await readLog(b.store))).not.toEqual(byStream(await readLog(a.store)));
  });

  it('writes every event type of every stream through desk commands', async () => {
    const desk = createDesk();
    const summary = await seedDemoProvince(desk);
    const events = await readLog(desk.store);
    const seen = new Set(events.map((event) => event.type));
    const missing = STREAM_DEFINITIONS.flatMap((definition) => [...definition.eventCodec.members.keys()]).filter((type) => !seen.has(type));
    expect(missing).toEqual([]);
    expect(summary.eventsAppended).toBe(events.length);
    // Every event carries the seed's idempotency key: none was written around the desk.
    expect(events.every((event) => event.metadata.idempotencyKey?.startsWith('seed-') === true)).toBe(true);
  });

  it('writes the log in business-time order, as a real desk would', async () => {
    const desk = createDesk();
    await seedDemoProvince(desk, { months: 1 });
    const times = (await readLog(desk.store)).map((event) => Date.parse(event.metadata.occurredAt));
    expect(times.findIndex((time, i) => i > 0 && time < times[i - 1]!)).toBe(-1);
  });

  it('covers the dossier stories: after 15:00, early and late returns, channels, forwarding', async () => {
    const desk = createDesk();
    const { dossierCodes } = await seedDemoProvince(desk, { months: 2 });
    const states = await Promise.all(dossierCodes.map(async (code) => (await desk.dossiers.load(DEMO_TENANT, code)).state));
    expect(new Set(states.map((s) => s.channel))).toEqual(new Set(['counter', 'online', 'postal']));
    expect(new Set(states.flatMap((s) => (s.timeliness === undefined ? [] : [s.timeliness])))).toEqual(new Set(['early', 'on-time', 'late']));
    expect(states.some((s) => s.receivedAt !== undefined && s.processingStartDate !== undefined && !s.receivedAt.startsWith(s.processingStartDate))).toBe(true);
    expect(new Set(states.map((s) => s.status))).toEqual(
      new Set(['RETURNED', 'REFUSED_AT_INTAKE', 'WITHDRAWN', 'IN_PROCESSING']),
    );
  });

  it('appends nothing when run again, and refuses a store seeded otherwise', async () => {
    const desk = createDesk();
    const first = await seedDemoProvince(desk, { months: 1 });
    const again = await seedDemoProvince(desk, { months: 1 });
    expect(again).toMatchObject({ alreadySeeded: true, eventsAppended: 0, dossiers: first.dossiers });
    expect((await readLog(desk.store)).length).toBe(first.eventsAppended);
    await expect(seedDemoProvince(desk, { months: 1, seed: 99 })).rejects.toBeInstanceOf(SeedConflictError);
  });

  it('rejects options out of range', async () => {
    await expect(seedDemoProvince(createDesk(), { months: 0 })).rejects.toThrow(/months must be an integer from 1 to 24/);
    await expect(seedDemoProvince(createDesk(), { seed: -1 })).rejects.toThrow(/seed must be a non-negative integer/);
  });
});
