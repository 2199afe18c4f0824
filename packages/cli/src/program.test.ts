import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, seededFile, tempDir } from './cli.testkit.js';

const tmp = tempDir();
const db = tmp.file('demo.db');
let firstCode = '';

beforeAll(async () => {
  firstCode = (await seededFile(db)).dossierCodes[0]!;
}, 60_000);
afterAll(() => tmp.remove());

describe('motcua (in process)', () => {
  it('shows a dossier and its history', async () => {
    const shown = await run('--db', db, 'dossier', 'show', firstCode);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^status +[A-Z_]+$/m);
    expect(shown.out).toMatch(/^trips +\d+/m);
    const history = await run('--db', db, 'dossier', 'history', firstCode);
    expect(history.out.split('\n')[0]).toMatch(/^v +pos +event +occurredAt +recordedAt +actor +rule set$/);
  });

  it('replays a stream, printing each change of state', async () => {
    const replayed = await run('--db', db, 'replay', `dossier-${firstCode}`);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toMatch(/^v1 \w+ \(/m);
    expect(replayed.out).toMatch(/status: "[A-Z_]+" → "[A-Z_]+"/);
    const asStored = await run('--db', db, 'replay', `dossier-demo-thai-nguyen:${firstCode}`);
    expect(asStored.out).toBe(replayed.out);
  });

  it('reads a dossier in the province named, and only there', async () => {
    const elsewhere = await run('--db', db, 'dossier', 'show', firstCode, '--province', 'bac-ninh');
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.err).toMatch(new RegExp(`no dossier ${firstCode.replaceAll('.', '\\.')} of province bac-ninh`));
    expect((await run('--db', db, 'dossier', 'show', firstCode, '--province', 'demo-thai-nguyen')).code).toBe(0);
  });

  it('rebuilds the projections and explains figures that re-add', async () => {
    const rebuilt = await run('--db', db, 'rebuild');
    expect(rebuilt.err).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/^unit-board: rebuilt to position \d+$/m);
    expect(rebuilt.out).toMatch(/^dossier-list: rebuilt to position \d+$/m);
    expect(rebuilt.out).toMatch(/^incident-register: rebuilt to position \d+$/m);
    for (const [model, key] of [
      ['timeliness', 'demo-thai-nguyen/timeliness/unit/tn-phuc-vu-hcc/month/2026-03/onTimeRate'],
      ['incident-register', 'demo-thai-nguyen/incident-register/2026-03/total/all/reported'],
    ]) {
      const explained = await run('--db', db, 'explain', model!, key!);
      expect({ model, err: explained.err, code: explained.code }).toEqual({ model, err: '', code: 0 });
      expect(explained.out).toMatch(/check: every step re-adds/);
      expect(explained.out).toMatch(/^ {2}#\d+ {2}\w+-\S+ v\d+ {2}\w+$/m);
    }
  });

  it('answers for every example key shown under explain --help', async () => {
    const help = (await run('explain', '--help')).out;
    const examples = [...help.matchAll(/\$ motcua explain (\S+) (\S+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(examples.length).toBeGreaterThanOrEqual(9);
    for (const [model, key] of examples) {
      const explained = await run('--db', db, 'explain', model, key);
      expect({ model, key, err: explained.err, code: explained.code }).toEqual({ model, key, err: '', code: 0 });
    }
  });

  it('explains a figure as it stood at a moment, and refuses a moment that is none', async () => {
    const key = 'demo-thai-nguyen/timeliness/province/demo-thai-nguyen/month/2026-03/resolved';
    const now = await run('--db', db, 'explain', 'timeliness', key, '--json');
    const early = await run('--db', db, 'explain', 'timeliness', key, '--as-of', '2026-03-10', '--json');
    expect(early.code).toBe(0);
    expect(early.out).toMatch(/^as of position \d+, rules in force on 2026-03-10$/m);
    const valueOf = (out: string) => (JSON.parse(out.slice(out.indexOf('{'))) as { value: number }).value;
    expect(valueOf(early.out)).toBeLessThan(valueOf(now.out));
    const bad = await run('--db', db, 'explain', 'timeliness', key, '--as-of', '2026-02-30');
    expect(bad.code).toBe(2);
    // A position is read in the province's own log, as a verdict's is: past its last event it is refused.
    const past = await run('--db', db, 'explain', 'timeliness', key, '--as-of', '999999');
    expect(past.code).toBe(2);
    expect(past.err).toMatch(/global position 999999 is past the last event of province demo-thai-nguyen \(head \d+\)/);
  });

  it('refuses a figure of a period no rule set covers as a usage error, naming the first day of the rules', async () => {
    for (const [model, key] of [
      ['timeliness', 'demo-thai-nguyen/timeliness/unit/tn-phuc-vu-hcc/month/1999-03/onTimeRate'],
      ['unit-board', 'demo-thai-nguyen/board/tn-phuc-vu-hcc/1999-03-02/received'],
      ['sipas', 'demo-thai-nguyen/sipas/unit/tn-phuc-vu-hcc/month/1999-03/overall'],
      ['service-index-766', 'demo-thai-nguyen/index766/unit/tn-phuc-vu-hcc/month/1999-03/total'],
    ]) {
      for (const asOf of [[], ['--as-of', '2026-03-10']]) {
        const result = await run('--db', db, 'explain', model!, key!, ...asOf);
        expect({ model, code: result.code }).toEqual({ model, code: 2 });
        expect(result.err).toMatch(/is a period no rule set covers \(the rules are in force from 2018-06-21\)/);
        expect(result.err).not.toMatch(/\n\s+at /);
      }
    }
  });

  it('lists keys when asked for a figure the read model does not have', async () => {
    const result = await run('--db', db, 'explain', 'timeliness', 'timeliness/nowhere');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/timeliness has no figure "timeliness\/nowhere"[^;]*; keys of demo-thai-nguyen are e\.g\. demo-thai-nguyen\/timeliness\//);
  });

  it('asked for a figure of a province with none yet, says so and lists keys of a province that has some', async () => {
    const result = await run('--db', db, 'explain', 'timeliness', 'bac-kan/timeliness/nowhere');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/timeliness has no figure "bac-kan\/timeliness\/nowhere": province bac-kan has none yet \(no event of it that timeliness counts\); keys of demo-thai-nguyen are e\.g\. demo-thai-nguyen\/timeliness\//);
    expect(result.err).not.toMatch(/the log holds no event/);
  });

  it('explains every command under --help, with an example', async () => {
    const commands = [[], ['seed'], ['dossier'], ['dossier', 'show'], ['dossier', 'history'], ['replay'], ['verify'], ['export'], ['import'], ['rebuild'], ['explain'], ['serve']];
    for (const command of commands) {
      const help = await run(...command, '--help');
      expect({ command, code: help.code }).toEqual({ command, code: 0 });
      expect(help.out).toMatch(new RegExp(`Usage: motcua ${command.join(' ')}`.trimEnd()));
      expect(help.out).toMatch(/Examples?:\n {2}\$ motcua /);
    }
  });

  it('gives clear errors for bad arguments, with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['dossier', 'show', 'ABC'], /"ABC" is not a dossier code: expected one like 000\.00\.15\.H55-260302-0001/],
      [['seed', '--months', 'three'], /--months must be a whole number from 1 to 24, got "three"/],
      [['seed', '--seed', '-4'], /--seed must be a whole number from 0 to 2147483647, got "-4"/],
      [['serve', '--port', '70000'], /the port must be a whole number from 0 to 65535, got "70000"/],
      [['replay', 'cat-7'], /"cat-7" is not a stream id: expected <kind>-<id> or <kind>-<province>:<id> with kind one of dossier, officer, incident, feedback, unit/],
      [['replay', 'dossier-bac-ninh:X', '--province', 'thai-nguyen'], /stream dossier-bac-ninh:X is in province bac-ninh, not thai-nguyen/],
      [['dossier', 'show', '000.00.15.H55-260302-0001', '--province', 'A/B'], /"A\/B" is not a province id/],
      [['import', tmp.file('missing.ndjson')], /no file at .*missing\.ndjson/],
      [['explain', 'nope', 'total'], /unknown read model "nope"; known: unit-board, timeliness, /],
      [['rebuild', 'nope'], /unknown projection "nope"; known: unit-board, timeliness, /],
      [['dossier', 'show'], /missing required argument 'code'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = await run('--db', db, ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.err).toMatch(message);
      expect(result.err).toMatch(/^motcua: /);
    }
  });

  it('says when the store or the dossier is missing, with exit code 1', async () => {
    const none = await run('--db', tmp.file('none.db'), 'verify');
    expect(none).toMatchObject({ code: 1, err: expect.stringMatching(/no event store at .*none\.db: run `motcua seed/) as string });
    const unknown = await run('--db', db, 'dossier', 'show', '000.00.15.H55-200101-0001');
    expect(unknown).toMatchObject({ code: 1, err: expect.stringMatching(/no dossier 000\.00\.15\.H55-200101-0001/) as string });
  });

  it('verify names the stream and version of a row altered directly in SQLite, with exit code 1', async () => {
    const copy = tmp.file('tampered.db');
    await seededFile(copy);
    expect((await run('--db', copy, 'verify')).code).toBe(0);
    const sqlite = new Database(copy);
    const row = sqlite.prepare("SELECT stream_id, stream_version FROM events WHERE type = 'DossierReceived' ORDER BY global_position LIMIT 1").get() as {
      stream_id: string;
      stream_version: number;
    };
    sqlite.prepare("UPDATE events SET body = replace(body, '\"feeDong\":', '\"feeDong\":1') WHERE stream_id = ? AND stream_version = ?").run(
      row.stream_id,
      row.stream_version,
    );
    sqlite.close();
    const result = await run('--db', copy, 'verify');
    expect(result.code).toBe(1);
    expect(result.out).toContain(`ALTERED: stream ${row.stream_id}, version ${row.stream_version}`);
  });
});
