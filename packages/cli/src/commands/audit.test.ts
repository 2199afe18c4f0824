import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDesk, escapeControlCharacters, isLeft, type Verdict } from '@motcua/core';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { run, runWith, seededFile, tempDir } from '../cli.testkit.js';
import type { AuditVerdictKind } from './audit.js';

/** A verdict kind of the tests' own: the subject is a stream id, the outcome its events by type. */
const streamCount: AuditVerdictKind = {
  kind: 'dossier',
  subjectName: 'stream id',
  gather: async (store, _tenantId, subject) => (await store.readStream(subject)).events,
  compute: (events, { tenantId, subject }): Verdict => {
    const positions = events.map((e) => e.metadata.globalPosition);
    return {
      kind: 'dossier',
      tenantId,
      subject,
      asOf: { globalPosition: positions.at(-1) ?? 0 },
      outcome: { events: events.length, types: events.map((e) => e.type) },
      steps: [{ id: 'count', finding: `${events.length} events`, events: positions }],
      ruleSetVersions: [],
      calendarVersions: [],
      events: positions,
    };
  },
};

const tmp = tempDir();
const db = tmp.file('audit.db');
const keys = tmp.file('installation');
const motcua = (...args: string[]) => runWith({ verdicts: [streamCount] }, '--db', db, ...args);
const subject = 'unit-thai-nguyen:tn-02';

beforeAll(async () => {
  const store = openSqliteEventStore({ file: db, synchronous: 'NORMAL', pollIntervalMs: 0 });
  const desk = createDesk({ store });
  const system = (tenantId: string) => ({ actor: { id: 'system', role: 'system' as const }, tenantId });
  const on = { effectiveDate: '2025-07-01', occurredAt: '2025-07-01T08:00:00+07:00' };
  for (const [tenantId, code] of [['thai-nguyen', 'tn-01'], ['bac-ninh', 'bn-01'], ['thai-nguyen', 'tn-02'], ['bac-ninh', 'bn-02']] as const) {
    const result = await desk.units.handle({ type: 'EstablishUnit', data: { code, name: `Unit ${code}`, kind: 'commune-desk', provinceCode: tenantId, ...on } }, system(tenantId));
    if (isLeft(result)) throw new Error(result.left.message);
  }
  const renamed = await desk.units.handle(
    { type: 'RenameUnit', data: { code: 'tn-02', name: 'Bộ phận một cửa xã Thành Công', effectiveDate: '2025-08-01', occurredAt: '2025-08-01T08:00:00+07:00' } },
    system('thai-nguyen'),
  );
  if (isLeft(renamed)) throw new Error(renamed.left.message);
  await store.close();
}, 30_000);
afterAll(() => tmp.remove());

const bundle = (out: string, ...more: string[]) =>
  motcua('audit', 'bundle', 'dossier', subject, '--province', 'thai-nguyen', '--key', `${keys}.pem`, '--installation', 'so-tttt-test', '--out', out, ...more);

describe('motcua audit', () => {
  it('makes a key pair: the private key readable by its owner only, the key id printed; never overwrites', async () => {
    const made = await motcua('audit', 'keygen', '--out', keys);
    expect(made).toMatchObject({ code: 0, err: '' });
    expect(made.out).toMatch(/^key id [0-9a-f]{64}$/m);
    expect(statSync(`${keys}.pem`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${keys}.pem`, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(`${keys}.pub.pem`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = await motcua('audit', 'keygen', '--out', keys);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/exists already: keys are never overwritten/);
  });

  it('bundles a verdict and verifies it offline; a bundle made before the log is altered still verifies, one asked for after is refused', async () => {
    const before = tmp.file('before.json');
    const made = await bundle(before);
    expect(made.err).toMatch(/dossier verdict on unit-thai-nguyen:tn-02: 2 events, checkpoint at position 5/);
    expect(made.code).toBe(0);
    const verified = await motcua('audit', 'verify', before, '--public-key', `${keys}.pub.pem`);
    expect(verified.out).toMatch(/^ok: dossier verdict on unit-thai-nguyen:tn-02 \(province thai-nguyen\) recomputed from its 2 events, as @motcua\/core \d+\.\d+\.\d+\S* computed it$/m);
    expect(verified.code).toBe(0);
    // The moment checked and the outcome, not only "ok": a bundle answers for the moment it was cut at.
    expect(verified.out).toMatch(/^ {2}as of global position 5: the log as it stood there \(its last event at 5\); open deadlines judged at \d{4}-\d\d-\d\dT[\d:.]+Z$/m);
    expect(verified.out).toMatch(/^ {2}outcome: \{"events":2,"types":\["UnitEstablished","UnitRenamed"\]\}$/m);

    if (existsSync('/dev/full')) {
      // A bundle that cannot be written (a full disk) is one line naming the file and the reason.
      expect(await bundle('/dev/full')).toMatchObject({ code: 1, err: 'motcua: cannot write /dev/full: ENOSPC: no space left on device, write\n' });
    }

    const sqlite = new Database(db);
    sqlite.prepare("UPDATE events SET body = replace(body, 'Unit bn-01', 'Unit bn-99') WHERE global_position = 2").run();
    sqlite.close();

    const after = await bundle(tmp.file('after.json'));
    expect(after.code).toBe(1);
    expect(after.err).toMatch(/^motcua: no bundle: the log does not verify, so no bundle is signed: altered event at position 2 \(stream unit-bac-ninh:bn-01, version 1\): .*; run `motcua verify`$/m);
    // Offline: no database at all.
    const offline = await runWith({ verdicts: [streamCount] }, '--db', tmp.file('none.db'), 'audit', 'verify', before, '--public-key', `${keys}.pub.pem`);
    expect(offline.code).toBe(0);
    const sqliteFix = new Database(db);
    sqliteFix.prepare("UPDATE events SET body = replace(body, 'Unit bn-99', 'Unit bn-01') WHERE global_position = 2").run();
    sqliteFix.close();
  });

  it('refuses, as a log that does not verify, one of whose events it carries was edited to a text of another length', async () => {
    const edited = tmp.file('edited-length.db');
    copyFileSync(db, edited);
    const sqlite = new Database(edited);
    sqlite.prepare("UPDATE events SET body = replace(body, 'Thành Công', 'Thành Công Mới') WHERE global_position = 5").run();
    sqlite.close();
    const refused = await runWith({ verdicts: [streamCount] }, '--db', edited, 'audit', 'bundle', 'dossier', subject, '--province', 'thai-nguyen', '--key', `${keys}.pem`, '--installation', 'so');
    expect({ code: refused.code, out: refused.out }).toEqual({ code: 1, out: '' });
    expect(refused.err).toMatch(/^motcua: no bundle: the log does not verify, so no bundle is signed: altered event at position 5 \(stream unit-thai-nguyen:tn-02, version 2\): .*; run `motcua verify`$/m);
  });

  it("answers for the province's own log: its last event, never the whole log's head, which only the checkpoint's size tells", async () => {
    const file = tmp.file('bac-ninh.json');
    const made = await motcua('audit', 'bundle', 'dossier', 'unit-bac-ninh:bn-01', '--province', 'bac-ninh', '--key', `${keys}.pem`, '--installation', 'so', '--out', file);
    expect(made.code).toBe(0);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { query: { asOf: { globalPosition: number } }; checkpoint: { statement: { treeSize: number } } };
    expect(written.query.asOf.globalPosition).toBe(4);
    expect(written.checkpoint.statement.treeSize).toBe(5);
    const verified = await motcua('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
    expect(verified.out).toMatch(/^ {2}as of global position 4: the log as it stood there \(its last event at 2\); /m);
  });

  it('refuses a log whose newest events were deleted: the checkpoint would sign a log cut short', async () => {
    const cut = tmp.file('cut.db');
    copyFileSync(db, cut);
    const sqlite = new Database(cut);
    sqlite.prepare('DELETE FROM events WHERE global_position = 5').run();
    sqlite.close();
    const refused = await runWith({ verdicts: [streamCount] }, '--db', cut, 'audit', 'bundle', 'dossier', 'unit-thai-nguyen:tn-01', '--province', 'thai-nguyen', '--key', `${keys}.pem`, '--installation', 'so');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/no bundle: the log ends at position 4, before the checkpoint's 5/);
  });

  it('lists every reason a bundle fails, with exit code 1', async () => {
    const file = tmp.file('edited.json');
    expect((await bundle(file)).code).toBe(0);
    const edited = JSON.parse(readFileSync(file, 'utf8')) as { events: { line: { data: { name?: string } } }[]; verdict: { outcome: unknown } };
    edited.events[1]!.line.data.name = 'Bộ phận một cửa xã Thành Tâm';
    edited.verdict.outcome = { events: 1 };
    writeFileSync(file, JSON.stringify(edited));
    const result = await motcua('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^INVALID: .* does not verify \(3 problems\)$/m);
    expect(result.out).toMatch(/^ {2}bad-signature: the bundle's signature does not match/m);
    expect(result.out).toMatch(/^ {2}altered-event: event at position 5 \(unit-thai-nguyen:tn-02 v2\): its content does not give its hash/m);
    expect(result.out).toMatch(/^ {2}verdict: the verdict recomputed from the bundle's events differs from the one written in: outcome$/m);
  });

  it('says the moment a bundle answers for when it verifies, and makes none as of a moment still to come', async () => {
    const dayFile = tmp.file('as-of-day.json');
    expect((await bundle(dayFile, '--as-of', '2025-07-15')).code).toBe(0);
    const day = await motcua('audit', 'verify', dayFile, '--public-key', `${keys}.pub.pem`);
    expect(day.out).toMatch(/^ {2}as of business time 2025-07-15T23:59:59\.999\+07:00: what had happened by then, late entries included; open deadlines judged then$/m);
    expect(day.out).toMatch(/^ {2}outcome: \{"events":1,"types":\["UnitEstablished"\]\}$/m);
    const positionFile = tmp.file('as-of-position.json');
    expect((await bundle(positionFile, '--as-of', '4')).code).toBe(0);
    const position = await motcua('audit', 'verify', positionFile, '--public-key', `${keys}.pub.pem`);
    expect(position.out).toMatch(/^ {2}as of global position 4: the log as it stood there \(its last event at 3\); open deadlines judged at \S+Z$/m);

    const ahead = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString().slice(0, 10);
    const future = await bundle(tmp.file('future.json'), '--as-of', ahead);
    expect(future.code).toBe(2);
    expect(future.err).toMatch(new RegExp(`--as-of ${ahead}T23:59:59\\.999\\+07:00 is in the future \\(now \\S+\\): a bundle answers for a moment the log has reached; give one up to now`));
  });

  it('refuses a checkpoint signed after the verifying machine\'s time, beyond clock skew', async () => {
    // Given a bundle made by a signer whose clock runs three years ahead
    const ahead = tmp.file('signed-ahead.json');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.now() + 3 * 365 * 86_400_000));
    try {
      expect((await bundle(ahead)).code).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    // When it is verified now, Then it is refused, saying why
    const verified = await motcua('audit', 'verify', ahead, '--public-key', `${keys}.pub.pem`);
    expect(verified.code).toBe(1);
    expect(verified.out).toMatch(/^ {2}checkpoint: it is signed at \S+, after this machine's time \(\S+\): a checkpoint cannot be signed in the future/m);
  });

  it('refuses a file that gives a member twice, naming it: the signed value and a false one beside it', async () => {
    const file = tmp.file('twice.json');
    expect((await bundle(file)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('"outcome": {', '"outcome": {\n      "events": 0,'));
    const result = await motcua('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^INVALID: .* does not verify \(1 problem\)\n {2}malformed: verdict\.outcome\.events: is given twice in one object/);
  });

  it('refuses an installation name with a control character, which would drive the terminal of whoever verifies the bundle', async () => {
    for (const [name, shown] of [
      ['so-tttt\u001b[2A\r\u001b[2K  outcome: {}\u001b[2B\r  checkpoint of so-tttt', '\\u001b'],
      ['so-tttt\n  outcome: {}', '\\n'],
      ['so-tttt\u202e', '\\u202e'],
    ] as const) {
      const out = tmp.file('named.json');
      const made = await motcua('audit', 'bundle', 'dossier', subject, '--province', 'thai-nguyen', '--key', `${keys}.pem`, '--installation', name, '--out', out);
      expect(made.code).toBe(2);
      expect(made.err).toContain(`the installation name must hold no control character`);
      expect(made.err).toContain(`got ${shown} at character 8`);
      // The refusal quotes the name as given, escaped too.
      expect([...made.err].filter((c) => c !== '\n' && escapeControlCharacters(c) !== c)).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('prints what a bundle holds with its control characters escaped: a bundle cannot drive the terminal it is verified on', async () => {
    const file = tmp.file('escapes.json');
    expect((await bundle(file)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    // Given a bundle with a member of its own naming, as a file made elsewhere may hold, with an escape sequence, a carriage return and a C1 control
    writeFileSync(file, text.replace('"verdict": {', '"verdict": {\n    "x\\u001b[2A\\r\\u009b2K": 1,'));
    // When it is verified, Then its problems are listed with those characters escaped
    const result = await motcua('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^ {2}malformed: verdict\.x\\u001b\[2A\\r\\u009b2K: is not a field of Verdict$/m);
    expect([...result.out].filter((c) => c !== '\n' && escapeControlCharacters(c) !== c)).toEqual([]);
  });

  it('verifies with the keys in use since a rotation, and says which key signed a bundle it cannot check', async () => {
    const file = tmp.file('rotated.json');
    expect((await bundle(file)).code).toBe(0);
    const next = tmp.file('next');
    expect((await motcua('audit', 'keygen', '--out', next)).code).toBe(0);
    expect((await motcua('audit', 'verify', file, '--public-key', `${next}.pub.pem`, '--public-key', `${keys}.pub.pem`)).code).toBe(0);
    const unknown = await motcua('audit', 'verify', file, '--public-key', `${next}.pub.pem`);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/unknown-key: the checkpoint is signed by key [0-9a-f]{64}, which is not among the public keys given/);
  });

  it('refuses bad usage with exit code 2 and a file that is not a bundle with exit code 1, saying what is wrong', async () => {
    const file = tmp.file('good.json');
    expect((await bundle(file)).code).toBe(0);
    const noKey = await motcua('audit', 'verify', file);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/required option '--public-key <file>' not specified/);
    const privateGiven = await motcua('audit', 'verify', file, '--public-key', `${keys}.pem`);
    expect(privateGiven.code).toBe(2);
    expect(privateGiven.err).toMatch(/this is a private key: give the public key/);
    const missing = await motcua('audit', 'verify', tmp.file('nowhere.json'), '--public-key', `${keys}.pub.pem`);
    expect(missing.code).toBe(2);

    const notJson = tmp.file('not.json');
    writeFileSync(notJson, '{"format": "motcua-audit-bundle/1",');
    const broken = await motcua('audit', 'verify', notJson, '--public-key', `${keys}.pub.pem`);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^ {2}malformed: the bundle is not JSON \(/m);
    const notBundle = tmp.file('not-bundle.json');
    writeFileSync(notBundle, JSON.stringify({ format: 'motcua-audit-bundle/1', verdict: { kind: 'dossier' }, note: 'hi' }));
    const wrong = await motcua('audit', 'verify', notBundle, '--public-key', `${keys}.pub.pem`);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/^ {2}malformed: note: is not a field of AuditBundle$/m);
    expect(wrong.out).toMatch(/^ {2}malformed: verdict\.tenantId: /m);

    const unknownKind = await motcua('audit', 'bundle', 'officer', 'x', '--key', `${keys}.pem`, '--installation', 'so');
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.err).toMatch(/unknown kind "officer"; known: dossier/);
  });

  it('bundles the built-in kinds of verdict from a demo province, as of a day, and verifies them', async () => {
    const demo = tmp.file('demo.db');
    await seededFile(demo);
    const found = new Database(demo, { readonly: true });
    const streams = found.prepare("SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'incident-%' OR stream_id LIKE 'feedback-%'").pluck().all() as string[];
    found.close();
    for (const kind of ['incident', 'feedback']) {
      const streamId = streams.find((s) => s.startsWith(`${kind}-`))!;
      const id = streamId.slice(streamId.indexOf(':') + 1);
      for (const asOf of [[], ['--as-of', '2026-03-10']]) {
        const file = tmp.file(`${kind}-${asOf.length}.json`);
        const made = await run('--db', demo, 'audit', 'bundle', kind, id, '--key', `${keys}.pem`, '--installation', 'so-tttt-demo', '--out', file, ...asOf);
        expect({ kind, asOf, err: made.err.replace(/:.*/s, ''), code: made.code }).toEqual({ kind, asOf, err: `${kind} verdict on ${id}`, code: 0 });
        const verified = await run('audit', 'verify', file, '--public-key', `${keys}.pub.pem`);
        expect({ kind, asOf, out: verified.out.split('\n')[0], code: verified.code }).toEqual({
          kind, asOf, out: expect.stringMatching(new RegExp(`^ok: ${kind} verdict on ${id} \\(province demo-thai-nguyen\\)`)), code: 0,
        });
      }
    }
  }, 60_000);

  it('explains each audit command under --help, with an example', async () => {
    for (const command of [['audit'], ['audit', 'keygen'], ['audit', 'bundle'], ['audit', 'verify']]) {
      const help = await motcua(...command, '--help');
      expect({ command, code: help.code }).toEqual({ command, code: 0 });
      expect(help.out).toMatch(/Examples?:\n {2}\$ motcua audit /);
    }
  });
});
