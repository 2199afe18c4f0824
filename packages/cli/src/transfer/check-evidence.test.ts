import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, fixedClock, GENESIS_HASH, isRight } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { run, storedRows, tempDir } from '../cli.testkit.js';
import { lineHash, type ExportLine } from './export-line.js';
import { importEvents } from './import-events.js';

const tmp = tempDir();
let genuine: ExportLine[] = [];

const SYSTEM = { actor: { id: 'sync', role: 'system' as const }, tenantId: 'thai-nguyen' };

/**
 * A unit established on the day it happened (no late entry), then renamed a month after the fact (a
 * late entry): recorded by the desk with its clock set to each recording time.
 */
beforeAll(async () => {
  const source = tmp.file('source.db');
  const clock = fixedClock(new Date('2025-01-02T02:00:00.000Z'));
  const store = openSqliteEventStore({ file: source, clock, synchronous: 'NORMAL', pollIntervalMs: 0 });
  try {
    const desk = createDesk({ store, clock });
    const established = await desk.units.handle(
      { type: 'EstablishUnit', data: { code: 'u1', name: 'U1', kind: 'commune-desk', provinceCode: 'x', effectiveDate: '2025-01-02', occurredAt: '2025-01-02T08:00:00+07:00' } },
      SYSTEM,
    );
    expect(isRight(established)).toBe(true);
    clock.set('2025-03-03T03:00:00.000Z');
    const renamed = await desk.units.handle({ type: 'RenameUnit', data: { code: 'u1', name: 'U1b', effectiveDate: '2025-02-02', occurredAt: '2025-02-02T08:00:00+07:00' } }, SYSTEM);
    expect(isRight(renamed)).toBe(true);
  } finally {
    await store.close();
  }
  const exported = tmp.file('source.ndjson');
  expect((await run('--db', source, 'export', '--out', exported)).code).toBe(0);
  genuine = readFileSync(exported, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as ExportLine);
}, 60_000);
afterAll(() => tmp.remove());

/** The lines with `edit` applied to the one at `index`, and the hash chain recomputed from the genesis hash. */
const forged = (index: number, edit: (line: ExportLine) => ExportLine): string => {
  let previousHash = GENESIS_HASH;
  return genuine
    .map((line, i) => {
      const { hash: _hash, ...rest } = i === index ? edit(structuredClone(line)) : line;
      const chained = { ...rest, previousHash };
      previousHash = lineHash(previousHash, chained);
      return `${JSON.stringify({ ...chained, hash: previousHash })}\n`;
    })
    .join('');
};

const importInto = async (name: string, text: string) => {
  const file = tmp.file(name);
  const clock = fixedClock(new Date());
  const store = openSqliteEventStore({ file, clock, synchronous: 'NORMAL', pollIntervalMs: 0 });
  try {
    return { summary: await importEvents(store, () => Readable.from([text]), { clock }), file };
  } finally {
    await store.close();
  }
};

const withMetadata = (metadata: Record<string, unknown>) => (line: ExportLine): ExportLine => ({ ...line, metadata: { ...line.metadata, ...metadata } });
const withOccurredAt = (occurredAt: string) => (line: ExportLine): ExportLine => ({
  ...withMetadata({ occurredAt })(line),
  data: { ...(line.data as object), occurredAt },
});
const withoutLateEntry = (line: ExportLine): ExportLine => {
  const { lateEntry: _late, ...metadata } = line.metadata as Record<string, unknown>;
  return { ...line, metadata } as ExportLine;
};

describe('an import holds each event to what the desk would have written (ADR 0007)', () => {
  it('given a genuine export, when imported, then both events are written', async () => {
    // The desk stamped the rename late, the establishment not.
    expect(genuine.map((line) => line.metadata.lateEntry)).toEqual([undefined, { minutes: 41_880, workingDays: 21 }]);
    const { summary } = await importInto('genuine.db', forged(-1, (line) => line));
    expect(summary).toMatchObject({ imported: 2, rejected: [], written: true });
  });

  it('given the rename forged (dated before the establishment, recorded in 2099, by a citizen, with an empty late entry) and the chain rebuilt from genesis, when imported through the CLI, then exit 1, line 2 named, nothing written', async () => {
    const file = tmp.file('forged.ndjson');
    writeFileSync(
      file,
      forged(1, (line) => ({
        ...line,
        data: { ...(line.data as object), occurredAt: '2024-01-01T08:00:00+07:00' },
        metadata: {
          ...line.metadata,
          occurredAt: '2023-06-01T08:00:00+07:00',
          recordedAt: '2099-01-01T00:00:00.000Z',
          actor: { id: 'citizen-x', role: 'citizen' },
          lateEntry: { workingDays: 0, minutes: 0 },
        },
      })),
    );
    const target = tmp.file('forged.db');
    const result = await run('--db', target, 'import', file);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^line 2 \(unit-thai-nguyen:u1 v2\): not plausible as evidence: recordedAt 2099-01-01T00:00:00.000Z is later than now/m);
    expect(result.out).toContain('0 events imported');
    expect(result.out).toContain('so nothing was written');
    expect(await storedRows(target)).toEqual([]);
  });

  it.each([
    ['occurredAt goes back before the stream\'s previous event', 1, withOccurredAt('2024-12-01T08:00:00+07:00'), /is before the stream's previous event/],
    ['data.occurredAt differs from metadata.occurredAt', 1, (line: ExportLine) => ({ ...line, data: { ...(line.data as object), occurredAt: '2025-02-03T08:00:00+07:00' } }), /data\.occurredAt 2025-02-03T08:00:00\+07:00 is not metadata\.occurredAt 2025-02-02T08:00:00\+07:00/],
    ['recordedAt is after the importing machine\'s now', 1, withMetadata({ recordedAt: '2099-01-01T00:00:00.000Z' }), /recordedAt 2099-01-01T00:00:00.000Z is later than now .* plus the allowed clock skew of 5 min/],
    ['occurredAt is after recordedAt plus the skew', 1, withOccurredAt('2025-03-03T11:00:00+07:00'), /as at its recordedAt 2025-03-03T03:00:00.000Z: occurredAt 2025-03-03T11:00:00\+07:00 is later than now/],
    ['a late event\'s lateEntry says it was not late', 1, withMetadata({ lateEntry: { workingDays: 0, minutes: 0 } }), /its lateEntry \{"workingDays":0,"minutes":0\} is not what the desk counts .*\{"minutes":41880,"workingDays":21\}/],
    ['a late event has no lateEntry', 1, withoutLateEntry, /it has no lateEntry, but it was recorded at 2025-03-03T03:00:00.000Z, more than 24 h after it happened/],
    ['an event recorded on time carries a lateEntry', 0, withMetadata({ lateEntry: { workingDays: 1, minutes: 3000 } }), /its lateEntry says it was entered late, but it was recorded at 2025-01-02T02:00:00.000Z, within 24 h/],
  ])('given a line where %s, when imported, then it is refused naming line, stream and version, and nothing is written', async (_what, index, edit, reason) => {
    const { summary, file } = await importInto(`edited-${index}-${String(reason).length}.db`, forged(index, edit as (line: ExportLine) => ExportLine));
    expect(summary).toMatchObject({ imported: 0, written: false });
    expect(summary.rejected[0]).toMatchObject({ line: index + 1, streamId: 'unit-thai-nguyen:u1', streamVersion: index + 1, reason: expect.stringMatching(reason) });
    expect(await storedRows(file)).toEqual([]);
  });
});
