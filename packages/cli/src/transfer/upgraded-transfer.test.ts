import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, isRight, parseProvinceStreamId, type NewEvent } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { establish } from '../../../core/src/org/org.testkit.js';
import { writeLegacyFile } from '../../../store-sqlite/src/legacy-file.testkit.js';
import { run, storedRows, tempDir } from '../cli.testkit.js';
import type { ExportLine } from './export-line.js';

/**
 * An export of a file upgraded to province-qualified stream ids (ADR 0011) carries, per moved event,
 * the id it was hashed under: the file's chain checks, an import verifies, and a line moved to
 * another province's stream is refused.
 */
const tmp = tempDir();
const legacy = tmp.file('legacy.db');
const exported = tmp.file('upgraded.ndjson');
let lines: ExportLine[] = [];

/** Writes the units through the desk, then writes their rows to a file of the previous version, under the ids it used (`unit-<code>`). */
const givenLegacyFile = async () => {
  const current = tmp.file('current.db');
  const source = openSqliteEventStore({ file: current, synchronous: 'NORMAL', pollIntervalMs: 0 });
  const desk = createDesk({ store: source });
  const system = (tenantId: string) => ({ actor: { id: 'sync', role: 'system' as const }, tenantId });
  expect(isRight(await desk.units.handle(establish({ code: 'TN-01' }), system('thai-nguyen')))).toBe(true);
  expect(isRight(await desk.units.handle(establish({ code: 'BN-01', name: 'Bộ phận Một cửa Bắc Ninh' }), system('bac-ninh')))).toBe(true);
  await source.close();

  // The previous version's file (schema 1), its rows hashed under the ids it used, recorded when they were.
  const rows = await storedRows(current);
  const recordedAt = rows.map((row) => (JSON.parse(row.metadataJson) as { recordedAt: string }).recordedAt);
  const clock = { now: () => new Date(recordedAt.shift() ?? Date.now()) };
  const appends = rows.map((row) => {
    const { kind, id } = parseProvinceStreamId(row.streamId)!;
    const { recordedAt: _recordedAt, ...metadata } = JSON.parse(row.metadataJson) as Record<string, unknown>;
    return [`${kind}-${id}`, [{ type: row.type, data: JSON.parse(row.dataJson) as unknown, metadata } as unknown as NewEvent]] as const;
  });
  writeLegacyFile(legacy, 1, appends, clock);
};

beforeAll(async () => {
  await givenLegacyFile();
  const result = await run('--db', legacy, 'export', '--out', exported);
  expect(result).toMatchObject({ code: 0 });
  lines = readFileSync(exported, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as ExportLine);
}, 60_000);
afterAll(() => tmp.remove());

describe('export and import of an upgraded file', () => {
  it('Given a legacy file, When it is exported, Then the file was upgraded first and each line names the id it was hashed under', () => {
    expect(lines.map((line) => [line.streamId, line.hashedStreamId])).toEqual([
      ['unit-thai-nguyen:TN-01', 'unit-TN-01'],
      ['unit-bac-ninh:BN-01', 'unit-BN-01'],
    ]);
  });

  it('imports into a fresh store whose chain verifies, with the streams under their province ids', async () => {
    const copy = tmp.file('copy.db');
    expect(await run('--db', copy, 'import', exported)).toMatchObject({ code: 0 });
    expect(await run('--db', copy, 'verify')).toMatchObject({ code: 0 });
    expect((await storedRows(copy)).map((row) => row.streamId)).toEqual(['unit-thai-nguyen:TN-01', 'unit-bac-ninh:BN-01']);
  });

  it('refuses a line moved to another province\'s stream, though its hash still matches', async () => {
    const moved = tmp.file('moved.ndjson');
    writeFileSync(moved, lines.map((line, i) => JSON.stringify(i === 1 ? { ...line, streamId: 'unit-thai-nguyen:BN-01' } : line)).join('\n') + '\n');
    const result = await run('--db', tmp.file('moved.db'), 'import', moved);
    expect(result.code).not.toBe(0);
    expect(result.out + result.err).toMatch(/which the upgrade moves to unit-bac-ninh:BN-01, yet it is stored in unit-thai-nguyen:BN-01/);
  });
});
