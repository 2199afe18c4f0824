import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import type { RecordedEvent } from '../kernel/envelope.js';
import { InMemoryEventStore } from '../kernel/in-memory-event-store.js';
import { fixedClock } from '../kernel/ports.js';
import { asOfOfVerdict, cutAsOf, judgingInstant, parseAsOf, resolveAsOf, verdictAsOf } from './as-of.js';

const event = (globalPosition: number, occurredAt: string, recordedAt: string): RecordedEvent => ({
  type: 'Noted',
  data: { occurredAt },
  metadata: {
    eventId: `e-${globalPosition}`, streamId: 'note-thai-nguyen:1', streamVersion: globalPosition, globalPosition, occurredAt, recordedAt,
    actor: { id: 'a', role: 'system' }, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c',
  },
});

// #2 happened on the 3rd but was typed in on the 10th, after #3 (which happened and was recorded on the 5th).
const log = [
  event(1, '2026-03-02T09:00:00+07:00', '2026-03-02T02:01:00Z'),
  event(2, '2026-03-03T09:00:00+07:00', '2026-03-10T02:00:00Z'),
  event(3, '2026-03-05T09:00:00+07:00', '2026-03-05T02:01:00Z'),
];

describe('as of a moment', () => {
  it('Given a late entry, When the log is cut at a position, Then what was recorded after it is left out, whatever its occurredAt', () => {
    expect(cutAsOf(log, { globalPosition: 1 }).map((e) => e.metadata.globalPosition)).toEqual([1]);
  });

  it('Given a late entry, When the log is cut at a business instant, Then what happened by then is kept, even recorded later', () => {
    expect(cutAsOf(log, { businessTime: '2026-03-04T00:00:00+07:00' }).map((e) => e.metadata.globalPosition)).toEqual([1, 2]);
    expect(cutAsOf(log, { businessTime: '2026-03-03T09:00:00+07:00' }).map((e) => e.metadata.globalPosition)).toEqual([1, 2]);
  });

  it('Then open deadlines are judged at the instant asked, the judgedAt of a position, or the last fact', () => {
    expect(judgingInstant({ businessTime: '2026-03-04T00:00:00+07:00' }, log)).toBe('2026-03-04T00:00:00+07:00');
    expect(judgingInstant({ globalPosition: 2, judgedAt: '2026-03-11T00:00:00Z' }, log)).toBe('2026-03-11T00:00:00Z');
    expect(judgingInstant(undefined, log)).toBe('2026-03-05T09:00:00+07:00');
  });

  it('Then a verdict names the last event it took and gives back the AsOf that recomputes it', () => {
    const byTime = { businessTime: '2026-03-04T00:00:00+07:00' };
    expect(verdictAsOf(byTime, cutAsOf(log, byTime))).toEqual({ globalPosition: 2, businessTime: byTime.businessTime });
    expect(asOfOfVerdict({ asOf: verdictAsOf(byTime, log) })).toEqual(byTime);
    const byPosition = { globalPosition: 3, judgedAt: '2026-03-11T00:00:00Z' };
    expect(asOfOfVerdict({ asOf: verdictAsOf(byPosition, log) })).toEqual(byPosition);
  });

  it('parses a position, a day (its end in Vietnam) or an instant with its offset, and names what it expects otherwise', () => {
    expect(parseAsOf('1200')).toEqual({ _tag: 'Right', right: { globalPosition: 1200 } });
    expect(parseAsOf('2026-03-09')).toEqual({ _tag: 'Right', right: { businessTime: '2026-03-09T23:59:59.999+07:00' } });
    expect(parseAsOf('2026-03-09T17:00:00+07:00')).toEqual({ _tag: 'Right', right: { businessTime: '2026-03-09T17:00:00+07:00' } });
    for (const bad of ['2026-03-09T17:00', 'yesterday', '2026-02-30T10:00:00Z', '-3']) {
      const parsed = parseAsOf(bad);
      expect(isLeft(parsed) && parsed.left, bad).toMatch(/give a global position/);
    }
  });

  it("resolves a position to the moment the province's log reached it, refuses one past its last event, and defaults to the whole log now", async () => {
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const store = new InMemoryEventStore({ clock });
    for (const at of ['2026-03-02T02:00:00Z', '2026-03-03T02:00:00Z']) {
      clock.set(at);
      await store.appendToStream('note-thai-nguyen:1', [{ type: 'Noted', data: {}, metadata: { occurredAt: at, actor: { id: 'a', role: 'system' }, tenantId: 'thai-nguyen', correlationId: 'c', causationId: 'c' } }]);
    }
    const now = () => new Date('2026-04-01T00:00:00Z');
    expect(await resolveAsOf(store, 'thai-nguyen', { globalPosition: 2 }, now)).toEqual({ _tag: 'Right', right: { globalPosition: 2, judgedAt: '2026-03-03T02:00:00.000Z' } });
    expect(await resolveAsOf(store, 'thai-nguyen', undefined, now)).toEqual({ _tag: 'Right', right: { globalPosition: 2, judgedAt: '2026-04-01T00:00:00.000Z' } });
    const past = await resolveAsOf(store, 'thai-nguyen', { globalPosition: 9 }, now);
    expect(isLeft(past) && past.left).toMatch(/position 9 is past the last event of province thai-nguyen \(head 2\)/);
    expect(isRight(await resolveAsOf(store, 'thai-nguyen', { businessTime: '2026-03-02T12:00:00+07:00' }, now))).toBe(true);
  });

  it("Given another province's events, When a position is resolved, Then only the province's own events give its moment and its head", async () => {
    // Given thai-nguyen's events at 1 and 302, and 300 of bac-kan's between and 5 after them
    const clock = fixedClock('2026-03-02T02:00:00Z');
    const store = new InMemoryEventStore({ clock });
    const note = async (tenantId: string, at: string) => {
      clock.set(at);
      await store.appendToStream(`note-${tenantId}:1`, [{ type: 'Noted', data: {}, metadata: { occurredAt: at, actor: { id: 'a', role: 'system' }, tenantId, correlationId: 'c', causationId: 'c' } }]);
    };
    await note('thai-nguyen', '2026-03-02T02:00:00Z');
    for (let i = 0; i < 300; i++) await note('bac-kan', new Date(Date.parse('2026-03-05T00:00:00Z') + i * 60_000).toISOString());
    await note('thai-nguyen', '2026-03-09T02:00:00Z');
    for (let i = 0; i < 5; i++) await note('bac-kan', '2026-03-20T00:00:00Z');
    const now = () => new Date('2026-04-01T00:00:00Z');
    // When a position of bac-kan's is asked as thai-nguyen, Then it is judged when thai-nguyen's log stood there
    expect(await resolveAsOf(store, 'thai-nguyen', { globalPosition: 301 }, now)).toEqual({ _tag: 'Right', right: { globalPosition: 301, judgedAt: '2026-03-02T02:00:00.000Z' } });
    expect(await resolveAsOf(store, 'thai-nguyen', { globalPosition: 302 }, now)).toEqual({ _tag: 'Right', right: { globalPosition: 302, judgedAt: '2026-03-09T02:00:00.000Z' } });
    // Then a position past thai-nguyen's last event is refused alike below and beyond the log's head, naming thai-nguyen's
    for (const globalPosition of [303, 307, 308, 5000]) {
      expect(await resolveAsOf(store, 'thai-nguyen', { globalPosition }, now)).toEqual({ _tag: 'Left', left: `global position ${globalPosition} is past the last event of province thai-nguyen (head 302)` });
    }
    // Then before bac-kan's first event its log was empty: judged now
    expect(await resolveAsOf(store, 'bac-kan', { globalPosition: 1 }, now)).toEqual({ _tag: 'Right', right: { globalPosition: 1, judgedAt: '2026-04-01T00:00:00.000Z' } });
  });
});
