import { copyFileSync, createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { run, seededFile, storedRows, tempDir } from '../cli.testkit.js';
import { lineHash, type ExportLine } from './export-line.js';
import { importEvents } from './import-events.js';

const tmp = tempDir();
const source = tmp.file('source.db');
const exported = tmp.file('source.ndjson');
let lines: string[] = [];

beforeAll(async () => {
  await seededFile(source);
  const result = await run('--db', source, 'export', '--out', exported);
  expect(result.code).toBe(0);
  lines = readFileSync(exported, 'utf8').trimEnd().split('\n');
}, 60_000);
afterAll(() => tmp.remove());

const importInto = async (file: string, text: string) => {
  const clock = fixedClock(new Date());
  const store = openSqliteEventStore({ file, clock, synchronous: 'NORMAL', pollIntervalMs: 0 });
  try {
    return await importEvents(store, () => Readable.from([text]), { clock });
  } finally {
    await store.close();
  }
};

describe('export and import', () => {
  it('round-trips into a fresh store: the same rows, hashes included, and a chain that verifies', async () => {
    const copy = tmp.file('copy.db');
    const result = await run('--db', copy, 'import', exported);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`${lines.length} events imported`));
    expect(await storedRows(copy)).toEqual(await storedRows(source));
    const verified = await run('--db', copy, 'verify');
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(new RegExp(`^ok: ${lines.length} events verified`));
  });

  it('streams the file: the import reads a file stream line by line', async () => {
    const copy = tmp.file('stream.db');
    const clock = fixedClock(new Date());
    const store = openSqliteEventStore({ file: copy, clock, synchronous: 'NORMAL', pollIntervalMs: 0 });
    const summary = await importEvents(store, () => createReadStream(exported, { highWaterMark: 1024 }), { clock });
    await store.close();
    expect(summary).toMatchObject({ lines: lines.length, imported: lines.length, rejected: [] });
  });

  it('reports each bad line with its number and reason, and then writes nothing at all', async () => {
    const good = lines.slice(0, lines.findIndex((l) => l.includes('"DossierReceived"')) + 5);
    const last = JSON.parse(good[good.length - 1]!) as ExportLine;
    const template = JSON.parse(good.find((l) => l.includes('"DossierReceived"'))!) as ExportLine;
    const rehash = (line: Omit<ExportLine, 'hash'>) => JSON.stringify({ ...line, hash: lineHash(line.previousHash, line) });
    const newStream = 'dossier-000.00.15.H55-260101-0999';
    const bad = [
      '{"streamId": "dossier-1", oops',
      rehash({ ...template, streamId: newStream, streamVersion: 1, type: 'DossierTeleported', previousHash: last.hash }),
      rehash({ ...template, streamId: newStream, streamVersion: 1, data: { ...(template.data as object), channel: 'carrier-pigeon' }, previousHash: last.hash }),
      rehash({ ...template, streamVersion: template.streamVersion + 5, metadata: { ...template.metadata, eventId: 'another-event' }, previousHash: last.hash }),
    ];
    const text = [...good, ...bad].join('\n') + '\n';
    const copy = tmp.file('bad.db');
    const summary = await importInto(copy, text);
    expect(summary).toMatchObject({ imported: 0, written: false });
    const n = good.length;
    expect(summary.rejected.map((r) => r.line)).toEqual([n + 1, n + 2, n + 3, n + 4]);
    const [notJson, unknownType, badField, wrongVersion] = summary.rejected;
    expect(notJson?.reason).toMatch(/^not JSON/);
    expect(unknownType?.reason).toMatch(/unknown event type "DossierTeleported" for stream dossier-000.00.15.H55-260101-0999/);
    expect(badField?.reason).toMatch(/bad DossierReceived event: .*channel/);
    expect(wrongVersion?.reason).toMatch(new RegExp(`wrong version: stream ${template.streamId.replace(/\./g, '\\.')} is at version \\d+`));
    expect(await storedRows(copy)).toEqual([]);
  });

  it('through the CLI, lists the rejected lines on stderr and in the report, with exit code 1', async () => {
    const file = tmp.file('bad.ndjson');
    writeFileSync(file, `${lines[0]}\nnot json at all\n${lines[1]}\n`);
    const report = tmp.file('rejected.ndjson');
    const result = await run('--db', tmp.file('cli-bad.db'), 'import', file, '--report', report);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^line 2: not JSON/m);
    expect(result.out).toMatch(/0 events imported.*1 rejected, so nothing was written/);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ line: 2 });
  });

  it('resumes after a partial import: skips what is there, appends the rest, no duplicates', async () => {
    const copy = tmp.file('resumed.db');
    const cut = Math.floor(lines.length / 2) + 3;
    const first = await importInto(copy, lines.slice(0, cut).join('\n'));
    expect(first).toMatchObject({ imported: cut, rejected: [] });
    const second = await importInto(copy, lines.join('\n'));
    expect(second).toMatchObject({ skipped: cut, imported: lines.length - cut, rejected: [] });
    expect(await storedRows(copy)).toEqual(await storedRows(source));
  });

  it('writes nothing when a batch has a bad line', async () => {
    const target = JSON.parse(lines[10]!) as ExportLine;
    // A second event of the same append (same stream, recorded time and correlation), with bad data.
    const partner = { ...target, streamVersion: target.streamVersion + 1, data: { nonsense: true }, previousHash: target.hash };
    const text = [...lines.slice(0, 11), JSON.stringify({ ...partner, hash: lineHash(partner.previousHash, partner) })].join('\n');
    const summary = await importInto(tmp.file('batch.db'), text);
    expect(summary.imported).toBe(0);
    expect(summary.rejected.map((r) => [r.line, r.reason.slice(0, 40)])).toEqual([
      [11, 'not written: line 12 of the same batch w'],
      [12, expect.stringMatching(/^bad /) as string],
    ]);
  });

  it('rejects a line whose metadata no store takes (a key it does not name, no real instant, an empty id), though its hash matches, naming the field', async () => {
    // Given the export's first line re-hashed with its metadata changed, as a store would have to have accepted it
    const first = JSON.parse(lines[0]!) as ExportLine;
    const changes: [Record<string, unknown>, RegExp][] = [
      [{ approvedBy: 'director' }, /^bad envelope: metadata\.approvedBy: is not a field of EventMetadata/],
      [{ occurredAt: '2026-02-30T08:00:00+07:00' }, /^bad envelope: metadata\.occurredAt: must be a real calendar instant/],
      [{ correlationId: '' }, /^bad envelope: metadata\.correlationId: must be a non-empty string/],
    ];
    for (const [change, reason] of changes) {
      const content = { ...first, metadata: { ...first.metadata, ...change } };
      const line = JSON.stringify({ ...content, hash: lineHash(content.previousHash, content) });
      // When it is imported, Then it is rejected, naming the field, and nothing is written
      const summary = await importInto(tmp.file(`metadata-${Object.keys(change)[0]}.db`), [line, ...lines.slice(1, 3)].join('\n'));
      expect(summary.rejected[0], JSON.stringify(change)).toMatchObject({ line: 1, reason: expect.stringMatching(reason) as string });
      expect(summary.written).toBe(false);
    }
  });

  it('rejects a line whose content no longer matches its hash', async () => {
    const altered = lines[5]!.replace(/"occurredAt":"2019/, '"occurredAt":"2018');
    const summary = await importInto(tmp.file('altered.db'), [...lines.slice(0, 5), altered, ...lines.slice(6, 12)].join('\n'));
    expect(summary.rejected).toEqual([expect.objectContaining({ line: 6, reason: expect.stringMatching(/does not match its hash/) as string })]);
    expect(summary.imported).toBe(0);
  });

  it('given an original append of three events whose middle line is damaged, when imported, then nothing is written and the store verifies', async () => {
    // Given the export followed by one append of three events (a dossier's first three, under a new id)
    const parsed = lines.map((line) => JSON.parse(line) as ExportLine);
    const first = parsed.find((line) => line.streamId.startsWith('dossier-') && parsed.some((other) => other.streamId === line.streamId && other.streamVersion === 3))!;
    const three = [1, 2, 3].map((version) => parsed.find((line) => line.streamId === first.streamId && line.streamVersion === version)!);
    const streamId = `${first.streamId.slice(0, -4)}0998`;
    let previous = parsed[parsed.length - 1]!;
    const appended = three.map((line, i) => {
      const { idempotencyKey: _key, commandHash: _hash, ...metadata } = line.metadata;
      const content = {
        ...line, streamId, globalPosition: previous.globalPosition + 1, previousHash: previous.hash,
        data: { ...(line.data as object), dossierCode: streamId.slice(streamId.indexOf(':') + 1) },
        metadata: { ...metadata, recordedAt: three[0]!.metadata.recordedAt, correlationId: 'one-append', eventId: `one-append-${i}` },
      };
      previous = { ...content, hash: lineHash(content.previousHash, content) };
      return previous;
    });
    const whole = [...lines, ...appended.map((line) => JSON.stringify(line))];
    const complete = await importInto(tmp.file('three-whole.db'), whole.join('\n'));
    expect(complete.rejected).toEqual([]);
    expect(complete).toMatchObject({ imported: whole.length, written: true });
    const middle = lines.length + 1;
    const withAppend = whole;
    const damaged: [string, string, RegExp][] = [
      ['truncated JSON', withAppend[middle]!.slice(0, withAppend[middle]!.length / 2), /^not JSON/],
      ['a bad field', withAppend[middle]!.replace(/"streamVersion":\d+/, '"streamVersion":"two"'), /^bad envelope: .*streamVersion/],
      ['a wrong hash', withAppend[middle]!.replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${'0'.repeat(64)}"`), /does not match its hash/],
    ];
    for (const [what, line, reason] of damaged) {
      // When the export with that line damaged is imported
      const copy = tmp.file(`damaged-${what.replace(/ /g, '-')}.db`);
      const summary = await importInto(copy, [...withAppend.slice(0, middle), line, ...withAppend.slice(middle + 1)].join('\n'));
      // Then the damaged line is named, nothing is written, and the (empty) store verifies
      expect(summary.rejected.find((r) => r.line === middle + 1), what).toMatchObject({ reason: expect.stringMatching(reason) as string });
      expect({ what, imported: summary.imported, written: summary.written }).toEqual({ what, imported: 0, written: false });
      expect(await storedRows(copy), what).toEqual([]);
      expect((await run('--db', copy, 'verify')).code, what).toBe(0);
    }
  });

  it('given a store with two provinces, when exported with --province, then only that province\'s lines, each matching its own hash', async () => {
    // Given the seeded province and one event of another
    const both = tmp.file('two-provinces.db');
    copyFileSync(source, both);
    const store = openSqliteEventStore({ file: both, pollIntervalMs: 0 });
    const metadata = { occurredAt: '2026-03-02T02:00:00.000Z', actor: { id: 'sync', role: 'system' as const }, tenantId: 'bac-ninh', correlationId: 'c-1', causationId: 'c-1' };
    expect((await store.appendToStream('unit-bac-ninh:bn-one-stop', [{ type: 'UnitEstablished', data: { code: 'bn-one-stop', name: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh', kind: 'province-centre', provinceCode: 'bac-ninh', effectiveDate: '2026-03-02', occurredAt: metadata.occurredAt }, metadata }]))._tag).toBe('Right');
    await store.close();
    // When each province is exported
    const extract = async (province: string) => {
      const out = tmp.file(`extract-${province}.ndjson`);
      expect((await run('--db', both, 'export', '--province', province, '--out', out)).code).toBe(0);
      return readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as ExportLine);
    };
    const home = await extract('demo-thai-nguyen');
    const other = await extract('bac-ninh');
    // Then each holds its own province only, and every line still checks against its hash
    expect(home).toHaveLength(lines.length);
    expect(home.every((line) => line.metadata.tenantId === 'demo-thai-nguyen')).toBe(true);
    expect(other.map((line) => [line.metadata.tenantId, line.streamId])).toEqual([['bac-ninh', 'unit-bac-ninh:bn-one-stop']]);
    for (const line of [...home, ...other]) expect(lineHash(line.previousHash, line)).toBe(line.hash);
    expect((await run('--db', both, 'export', '--province', 'A/B')).code).toBe(2);
  });

  it.runIf(existsSync('/dev/full'))('given a full disk, when exporting or writing the report of an import, then one line names the file and the reason, exit 1', async () => {
    const exportedToFull = await run('--db', source, 'export', '--out', '/dev/full');
    expect(exportedToFull).toMatchObject({ code: 1, err: 'motcua: cannot write /dev/full: ENOSPC: no space left on device, write\n' });
    const file = tmp.file('full-report.ndjson');
    writeFileSync(file, `${lines[0]}\nnot json\n`);
    const imported = await run('--db', tmp.file('full-report.db'), 'import', file, '--report', '/dev/full');
    expect(imported.code).toBe(1);
    expect(imported.err).toMatch(/^line 2: .*\nmotcua: cannot write \/dev\/full: ENOSPC: no space left on device, write\n$/);
  });
});
