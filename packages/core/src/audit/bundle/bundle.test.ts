import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft } from '../../fp.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { computeEventHash, type HashChainRow } from '../../kernel/hash-chain.js';
import type { AsOf } from '../verdict.js';
import { dossierVerdict } from '../verdicts/dossier/compute.js';
import { auditLog, countVerdict, streamCountDefinition, testDeps } from './bundle.testkit.js';
import { buildAuditBundle } from './build.js';
import { checkpointSigningText, type AuditBundle } from './codec.js';
import { generateAuditKeyPair, parseAuditPrivateKey, parseAuditPublicKey, signText, type AuditSigningKey } from './keys.js';
import { bundleSigningText, verifyAuditBundle, verifyAuditBundleText } from './verify.js';

const keyOf = () => {
  const pair = generateAuditKeyPair();
  const key = parseAuditPrivateKey(pair.privateKeyPem);
  const publicKey = parseAuditPublicKey(pair.publicKeyPem);
  if (isLeft(key) || isLeft(publicKey)) throw new Error('key');
  return { signing: key.right, public: publicKey.right };
};

const installationKey = keyOf();
const deps = testDeps();
const verify = (bundle: unknown, keys = [installationKey.public]) =>
  verifyAuditBundle(bundle, { publicKeys: keys, definitions: [streamCountDefinition], ...deps });

let log: Awaited<ReturnType<typeof auditLog>>;

const bundleOf = async (streamId: string, rows: readonly HashChainRow[] = log.rows, key: AuditSigningKey = installationKey.signing) => {
  const tenantId = streamId.slice('dossier-'.length, streamId.indexOf(':'));
  const verdict = countVerdict(log.events, tenantId, streamId);
  return buildAuditBundle({
    rows,
    treeSize: rows.length,
    installation: 'so-tttt-test',
    signedAt: '2026-03-04T02:00:00.000Z',
    key,
    query: { kind: 'dossier', tenantId, subject: streamId },
    verdict,
    definitions: [streamCountDefinition],
    ...deps,
  });
};

const mustBuild = async (streamId: string) => {
  const built = await bundleOf(streamId);
  if (isLeft(built)) throw new Error(built.left.message);
  return built.right;
};

/** Signs again what an insider with the key would sign, to show the checks beneath the signatures. */
const resign = (bundle: AuditBundle, key: AuditSigningKey = installationKey.signing): AuditBundle => {
  const checkpoint = { ...bundle.checkpoint, signature: { algorithm: 'ed25519' as const, keyId: key.keyId, value: signText(key.privateKey, checkpointSigningText(bundle.checkpoint.statement)) } };
  const unsigned = { ...bundle, checkpoint };
  return { ...unsigned, signature: { algorithm: 'ed25519', keyId: key.keyId, value: signText(key.privateKey, bundleSigningText(unsigned)) } };
};

const verifyText = (text: string | Uint8Array) => verifyAuditBundleText(text, { publicKeys: [installationKey.public], definitions: [streamCountDefinition], ...deps });

const codes = (report: ReturnType<typeof verify>) => (report.ok ? [] : [...new Set(report.problems.map((p) => p.code))]);

beforeAll(async () => {
  log = await auditLog();
});

describe('an audit bundle', () => {
  it('carries the verdict, its events with their audit paths, and a signed checkpoint of the whole log; it verifies offline', async () => {
    const bundle = await mustBuild(log.dossierStreams[1]!);
    expect(bundle.events.map((e) => e.line.streamId)).toEqual([log.dossierStreams[1], log.dossierStreams[1]]);
    expect(bundle.checkpoint.statement).toMatchObject({ treeSize: log.rows.length, headHash: log.rows.at(-1)!.hash });
    expect(bundle.verdict.outcome).toEqual({ events: 2, types: { DossierReceived: 1, DossierTransferred: 1 } });
    const report = verify(bundle);
    expect(report.ok).toBe(true);
    expect(report.ok && report.keyIds.bundle).toBe(installationKey.public.keyId);
  });

  it('is refused when the log does not verify, and one made before the log was altered still verifies', async () => {
    const before = await mustBuild(log.dossierStreams[0]!);
    // An event of another dossier altered in place, its hash recomputed: the next event still names the old one.
    const at = log.rows.findIndex((r) => r.streamId === log.dossierStreams[2]);
    const tampered = log.rows.map((row, i) =>
      i === at ? { ...row, dataJson: row.dataJson.replace('"counter"', '"online"'), hash: computeEventHash(row.previousHash, { ...row, dataJson: row.dataJson.replace('"counter"', '"online"') }) } : row,
    );
    const after = await bundleOf(log.dossierStreams[0]!, tampered);
    expect(isLeft(after) && after.left.code).toBe('log-does-not-verify');
    expect(isLeft(after) && after.left.message).toMatch(new RegExp(`position ${at + 1}`));
    expect(verify(before).ok).toBe(true);
  });

  it('is refused, naming the position, when an event it carries no longer parses: altered in place, or with the whole chain hashed again over it', async () => {
    const at = log.rows.findIndex((r) => r.streamId === log.dossierStreams[0]);
    const broken = (row: HashChainRow) => ({ ...row, dataJson: `${row.dataJson}x` });
    const inPlace = await bundleOf(log.dossierStreams[0]!, log.rows.map((row, i) => (i === at ? broken(row) : row)));
    expect(isLeft(inPlace) && inPlace.left).toMatchObject({ code: 'log-does-not-verify', message: expect.stringMatching(new RegExp(`event at position ${at + 1} `)) as unknown });
    let previousHash = log.rows[0]!.previousHash;
    const rehashed = log.rows.map((row, i) => {
      const edited = i === at ? broken(row) : row;
      const hash = computeEventHash(previousHash, edited);
      const next = { ...edited, previousHash, hash };
      previousHash = hash;
      return next;
    });
    const whole = await bundleOf(log.dossierStreams[0]!, rehashed);
    expect(isLeft(whole) && whole.left).toMatchObject({ code: 'log-does-not-verify', message: expect.stringMatching(new RegExp(`altered event at position ${at + 1}: its stored data is not valid JSON`)) as unknown });
  });

  it('names each problem, beneath the signatures: an insider who re-signs still cannot change, add or drop events unseen', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const first = bundle.events[0]!;
    const altered = { ...bundle, events: [{ ...first, line: { ...first.line, data: { ...(first.line.data as object), feeDong: 50_000 } } }, ...bundle.events.slice(1)] };
    expect(codes(verify(resign(altered)))).toEqual(['altered-event']);

    const rehashed = { ...first.line, data: { ...(first.line.data as object), feeDong: 50_000 } };
    const relinked = { ...bundle, events: [{ ...first, line: { ...rehashed, hash: computeEventHash(rehashed.previousHash, { ...rehashed, dataJson: JSON.stringify(rehashed.data), metadataJson: JSON.stringify(rehashed.metadata) }) } }, ...bundle.events.slice(1)] };
    expect(codes(verify(resign(relinked)))).toEqual(['not-in-log']);

    const dropped = { ...bundle, events: bundle.events.slice(1) };
    expect(codes(verify(resign(dropped)))).toEqual(['events', 'verdict']);

    const other = (await mustBuild(log.dossierStreams[1]!)).events[0]!;
    const added = { ...bundle, events: [...bundle.events, other].sort((a, b) => a.line.globalPosition - b.line.globalPosition) };
    expect(codes(verify(resign(added)))).toEqual(['events']);

    const swapped = { ...bundle, events: [...bundle.events].reverse() };
    expect(codes(verify(resign(swapped)))).toEqual(['events', 'verdict']);

    // A verdict edited to another answer, re-signed: recomputing it from the events shows the edit.
    const misstated = { ...bundle, verdict: { ...bundle.verdict, outcome: { events: 1, types: { DossierReceived: 1 } } } };
    const report = verify(resign(misstated));
    expect(codes(report)).toEqual(['verdict']);
    expect(!report.ok && report.problems[0]!.message).toMatch(/recomputed from the bundle's events differs from the one written in: outcome$/);
  });

  it('names the version that computed its verdict, which a verifier of another version is told to verify it with', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    expect(bundle.producer).toEqual({ package: '@motcua/core', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const thisVersion = bundle.producer!;
    // Made by another version whose reasoning reads otherwise: the difference names that version.
    const older = { package: '@motcua/core', version: '0.0.9' };
    const reworded = resign({ ...bundle, producer: older, verdict: { ...bundle.verdict, outcome: { events: 2, types: { DossierReceived: 1, DossierTransferred: 1 }, note: 'worded otherwise' } } });
    const report = verify(reworded);
    expect(codes(report)).toEqual(['verdict']);
    expect(!report.ok && report.problems[0]!.message).toMatch(
      new RegExp(`in: outcome; the bundle was made with @motcua/core 0\\.0\\.9 and this verifier is @motcua/core ${thisVersion.version.replace(/\./g, '\\.')}: verify it with @motcua/core 0\\.0\\.9$`),
    );
    // The same version named by the verifier: an edit, with nothing to add.
    const byThat = verifyAuditBundle(reworded, { publicKeys: [installationKey.public], definitions: [streamCountDefinition], producer: older, ...deps });
    expect(!byThat.ok && byThat.problems[0]!.message).toMatch(/in: outcome$/);
    // A bundle made before bundles named their producer still verifies, and says so when its verdict differs.
    const { producer: _producer, ...unnamed } = bundle;
    expect(verify(resign(unnamed)).ok).toBe(true);
    const unnamedEdited = verify(resign({ ...unnamed, verdict: { ...bundle.verdict, outcome: { events: 1 } } }));
    expect(!unnamedEdited.ok && unnamedEdited.problems[0]!.message).toMatch(/; the bundle does not name the version that made it$/);
    // The producer is signed: changing it after signing breaks the signature.
    expect(codes(verify({ ...bundle, producer: older }))).toEqual(['bad-signature']);
  });

  it('names the key that signed it: a rotation keeps old bundles verifiable with the old public key', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const next = keyOf();
    const byNext = resign(bundle, next.signing);
    expect(codes(verify(byNext))).toEqual(['unknown-key']);
    expect(verify(byNext, [installationKey.public, next.public]).ok).toBe(true);
    expect(verify(bundle, [installationKey.public, next.public]).ok).toBe(true);
    const unknown = verify(bundle, [next.public]);
    expect(!unknown.ok && unknown.problems[0]!.message).toMatch(new RegExp(`signed by key ${installationKey.public.keyId}, which is not among the public keys given`));
  });

  it('is refused when the verdict cannot be recomputed from the events it names', async () => {
    const streamId = log.dossierStreams[0]!;
    const verdict = countVerdict(log.events, 'thai-nguyen', streamId);
    const built = await buildAuditBundle({
      rows: log.rows,
      treeSize: log.rows.length,
      installation: 'so-tttt-test',
      signedAt: '2026-03-04T02:00:00.000Z',
      key: installationKey.signing,
      query: { kind: 'dossier', tenantId: 'thai-nguyen', subject: streamId },
      verdict: { ...verdict, events: verdict.events.slice(1) },
      definitions: [streamCountDefinition],
      ...deps,
    });
    expect(isLeft(built) && built.left.code).toBe('does-not-verify');
  });

  it('fails to verify after any single change, removal, insertion or reordering of its content', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const foreign = (await mustBuild(log.dossierStreams[1]!)).events;
    const original = canonicalJson(bundle);
    fc.assert(
      fc.property(
        fc.constantFrom('change', 'remove', 'insert', 'reorder', 'insert-event'),
        fc.nat(),
        fc.nat(),
        (operation, pick, other) => {
          const mutated = mutate(structuredClone(bundle), operation, pick, other, foreign);
          if (mutated === undefined) return;
          expect(canonicalJson(mutated)).not.toBe(original);
          const report = verify(mutated);
          expect(report.ok).toBe(false);
          expect(!report.ok && report.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { parent: Json[] | { [key: string]: Json }; key: string | number; value: Json };

const nodesOf = (value: Json, out: Node[] = []): Node[] => {
  const entries: [string | number, Json][] = Array.isArray(value) ? [...value.entries()] : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  for (const [key, item] of entries) {
    out.push({ parent: value as Node['parent'], key, value: item });
    nodesOf(item, out);
  }
  return out;
};

const containers = (value: Json): (Json[] | { [key: string]: Json })[] => [
  value as { [key: string]: Json },
  ...nodesOf(value).flatMap((n) => (n.value !== null && typeof n.value === 'object' ? [n.value] : [])),
];

const changed = (value: Json): Json =>
  typeof value === 'string' ? (value.length > 0 ? `${value.slice(0, -1)}${value.at(-1) === 'a' ? 'b' : 'a'}` : 'a') : typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : value === null ? 0 : null;

/** One edit of the bundle as parsed JSON; undefined when the operation has nothing to act on. */
const mutate = (bundle: AuditBundle, operation: string, pick: number, other: number, foreign: AuditBundle['events']): Json | undefined => {
  const root = bundle as unknown as Json;
  const nodes = nodesOf(root);
  const set = (node: Node, value: Json) => void ((node.parent as Record<string | number, Json>)[node.key] = value);
  switch (operation) {
    case 'change': {
      const leaves = nodes.filter((n) => n.value === null || typeof n.value !== 'object');
      const node = leaves[pick % leaves.length]!;
      set(node, changed(node.value));
      return root;
    }
    case 'remove': {
      const node = nodes[pick % nodes.length]!;
      if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
      else delete node.parent[node.key];
      return root;
    }
    case 'insert': {
      const all = containers(root);
      const target = all[pick % all.length]!;
      if (Array.isArray(target)) {
        // A copy of one of its own elements (or, in an empty array, of any value of the bundle).
        const copy = structuredClone(target.length > 0 ? target[other % target.length]! : nodes[other % nodes.length]!.value);
        target.splice(other % (target.length + 1), 0, copy);
      } else target[`extra${other % 3}`] = structuredClone(nodes[other % nodes.length]!.value);
      return root;
    }
    case 'reorder': {
      const arrays = containers(root).filter((c): c is Json[] => Array.isArray(c) && new Set(c.map((item) => canonicalJson(item))).size > 1);
      const target = arrays[pick % arrays.length]!;
      const i = other % target.length;
      const j = [...target.keys()].find((k) => canonicalJson(target[k]) !== canonicalJson(target[i]))!;
      [target[i], target[j]] = [target[j]!, target[i]!];
      return root;
    }
    case 'insert-event': {
      const event = structuredClone(foreign[pick % foreign.length]!) as unknown as Json;
      (bundle.events as unknown as Json[]).splice(other % (bundle.events.length + 1), 0, event);
      return root;
    }
  }
  return undefined;
};

/** The bundle of the dossier verdict on the log's first dossier as of `asOf`, its checkpoint signed at `signedAt`. */
const dossierBundleOf = (asOf: AsOf, signedAt: string) => {
  const streamId = log.dossierStreams[0]!;
  const tenantId = streamId.slice('dossier-'.length, streamId.indexOf(':'));
  const subject = streamId.slice(streamId.indexOf(':') + 1);
  const query = { kind: 'dossier' as const, tenantId, subject, asOf };
  return buildAuditBundle({
    rows: log.rows,
    treeSize: log.rows.length,
    installation: 'so-tttt-test',
    signedAt,
    key: installationKey.signing,
    query,
    verdict: dossierVerdict.compute(log.events, query, deps),
    definitions: [dossierVerdict],
    ...deps,
  });
};

const verifyDossier = (bundle: AuditBundle) => verifyAuditBundle(bundle, { publicKeys: [installationKey.public], definitions: [dossierVerdict], ...deps });

/** The events of the test log are recorded at 2026-03-02T03:00:00Z; bundles of it are signed at 2026-03-04T02:00:00.000Z. */
const RECORDED = '2026-03-02T03:00:00.000Z';
const SIGNED = '2026-03-04T02:00:00.000Z';

describe('the moment a verdict answers for', () => {
  it('is one the signed log had reached: a business time or judged-at instant up to signedAt, a position judged from the moment it stood there', async () => {
    for (const asOf of [{ businessTime: SIGNED }, { businessTime: '2026-03-01T00:00:00.000Z' }, { globalPosition: log.rows.length, judgedAt: SIGNED }, { globalPosition: log.rows.length, judgedAt: RECORDED }]) {
      const built = await dossierBundleOf(asOf, SIGNED);
      expect(isLeft(built) ? built.left.message : verifyDossier(built.right).ok, JSON.stringify(asOf)).toBe(true);
    }
  });

  it('is refused after the checkpoint was signed: a bundle cut years ahead states what had not happened', async () => {
    for (const [asOf, what] of [
      [{ businessTime: '2030-01-01T23:59:59.999+07:00' }, 'business time 2030-01-01T23:59:59.999+07:00'],
      [{ globalPosition: log.rows.length, judgedAt: '2026-03-04T02:00:00.001Z' }, 'judged at 2026-03-04T02:00:00.001Z'],
    ] as const) {
      // What a key holder signs: a genuine bundle signed later, its checkpoint dated back and signed again.
      const later = await dossierBundleOf(asOf, '2031-01-01T00:00:00.000Z');
      if (isLeft(later)) throw new Error(later.left.message);
      expect(verifyDossier(later.right).ok).toBe(true);
      const backdated = resign({ ...later.right, checkpoint: { ...later.right.checkpoint, statement: { ...later.right.checkpoint.statement, signedAt: SIGNED } } });
      const report = verifyDossier(backdated);
      expect(!report.ok && report.problems).toEqual([
        { code: 'verdict', message: `the verdict is as of ${what}, after the checkpoint was signed (${SIGNED}): the signed log cannot answer for a moment it had not reached` },
      ]);
      const built = await dossierBundleOf(asOf, SIGNED);
      expect(isLeft(built) && built.left).toEqual({ code: 'does-not-verify', message: expect.stringContaining(`as of ${what}, after the checkpoint was signed`) });
    }
  });

  it('is refused when a position is judged before its last event was recorded: a whole log judged before the dossier was received', async () => {
    const built = await dossierBundleOf({ globalPosition: log.rows.length, judgedAt: '2026-03-02T02:59:59.999Z' }, SIGNED);
    expect(isLeft(built) && built.left.code).toBe('does-not-verify');
    const message = isLeft(built) ? built.left.message : '';
    const last = Math.max(...log.events.filter((e) => e.metadata.streamId === log.dossierStreams[0]).map((e) => e.metadata.globalPosition));
    expect(message).toContain(`the verdict is judged at 2026-03-02T02:59:59.999Z, before the event at position ${last} it takes was recorded (${RECORDED})`);
  });
});

/**
 * The bundle as a file with one member given twice: `first` (its value as the file holds it, or `said`
 * when given) written once more, before it or after it. Returns the text and the member's dotted path.
 */
const withMemberTwice = (bundle: AuditBundle, pick: number, before: boolean, said?: Json): { text: string; path: string } => {
  const members: { object: object; name: string; path: string }[] = [];
  const collect = (value: Json, path: string[]) => {
    if (Array.isArray(value)) value.forEach((item, index) => collect(item, [...path, String(index)]));
    else if (value !== null && typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) {
        members.push({ object: value, name, path: [...path, name].join('.') });
        collect(item, [...path, name]);
      }
    }
  };
  collect(bundle as unknown as Json, []);
  const target = members[pick % members.length]!;
  const write = (value: Json): string => {
    if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    const written = Object.entries(value).flatMap(([name, item]) => {
      const member = `${JSON.stringify(name)}:${write(item)}`;
      if (value !== target.object || name !== target.name) return [member];
      const again = `${JSON.stringify(name)}:${write(said === undefined ? item : said)}`;
      return before ? [again, member] : [member, again];
    });
    return `{${written.join(',')}}`;
  };
  return { text: write(bundle as unknown as Json), path: target.path };
};

describe('the bundle as a file', () => {
  it('verifies as its file holds it, bytes or text', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const text = `${JSON.stringify(bundle, null, 2)}\n`;
    expect(verifyText(text).ok).toBe(true);
    expect(verifyText(Buffer.from(text, 'utf8')).ok).toBe(true);
  });

  it('is refused with any member given twice, naming it, whichever value comes first: the file would say two things', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), fc.option(fc.constantFrom<Json>('early', false, 0, null, { late: false }), { nil: undefined }), (pick, before, said) => {
        const { text, path } = withMemberTwice(bundle, pick, before, said);
        const report = verifyText(text);
        expect(report.ok).toBe(false);
        expect(!report.ok && report.problems).toEqual([
          { code: 'malformed', message: `${path}: is given twice in one object: the signatures cover one of its values (JSON.parse keeps the last), while a person or a parser keeping the first reads the other` },
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('is refused with a false outcome written before the true one, which the parsed values alone do not show', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const outcome = JSON.stringify(bundle.verdict.outcome);
    const falseFirst = JSON.stringify(bundle).replace(`"outcome":${outcome}`, `"outcome":{"events":0},"outcome":${outcome}`);
    expect(verify(JSON.parse(falseFirst)).ok).toBe(true);
    expect(verifyText(falseFirst)).toMatchObject({ ok: false, problems: [{ code: 'malformed', message: expect.stringMatching(/^verdict\.outcome: is given twice/) }] });
  });

  it('is refused when not UTF-8, not JSON, nested too deep or holding a number past the largest double', async () => {
    const text = JSON.stringify(await mustBuild(log.dossierStreams[0]!));
    const problemOf = (refused: string | Uint8Array) => {
      const report = verifyText(refused);
      return report.ok ? undefined : report.problems;
    };
    const latin1 = Buffer.from(text.replace('"format"', '"f\u00e9rmat"'), 'latin1');
    expect(problemOf(latin1)).toEqual([{ code: 'malformed', message: 'the bundle is not UTF-8 text' }]);
    expect(problemOf(`\ufeff${text}`)).toEqual([{ code: 'malformed', message: expect.stringMatching(/^the bundle is not JSON \(/) }]);
    expect(problemOf(text.slice(0, -1))).toEqual([{ code: 'malformed', message: expect.stringMatching(/^the bundle is not JSON \(/) }]);
    expect(problemOf(text.replace('"verdict":{', `"verdict":{"deep":${'['.repeat(70)}${']'.repeat(70)},`))).toEqual([
      { code: 'malformed', message: expect.stringMatching(/^verdict\.deep(\.0)+: nests deeper than 64 levels$/) },
    ]);
    expect(problemOf(text.replace('"verdict":{', '"verdict":{"n":1e400,'))).toEqual([{ code: 'malformed', message: expect.stringMatching(/^verdict\.n: is out of range: 1e400/) }]);
  });
});

describe('the bundle format', () => {
  it('refuses a file that is not a bundle, naming each bad or unknown field', () => {
    const report = verify({ format: 'motcua-audit-bundle/1', query: { kind: 'dossier', tenantId: 'x', subject: 'y' }, extra: true });
    expect(report.ok).toBe(false);
    const messages = !report.ok ? report.problems.map((p) => p.message) : [];
    expect(messages).toContainEqual(expect.stringMatching(/^extra: is not a field of AuditBundle/));
    expect(messages).toContainEqual(expect.stringMatching(/^verdict/));
  });

  it('refuses a control character in any name or label a verifier prints, naming the field, even signed again', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const cursorUp = 'so-tttt\u001b[2A\r\u001b[2K  outcome: {}';
    const statement = { ...bundle.checkpoint.statement, installation: cursorUp };
    const step = bundle.verdict.steps[0]!;
    const edits: readonly [string, AuditBundle][] = [
      ['checkpoint.statement.installation', { ...bundle, checkpoint: { ...bundle.checkpoint, statement } }],
      ['producer.package', { ...bundle, producer: { package: '@motcua/core\u202e', version: '1.0.0' } }],
      ['producer.version', { ...bundle, producer: { package: '@motcua/core', version: '1.0.0\nok: all' } }],
      ['query.subject', { ...bundle, query: { ...bundle.query, subject: `${bundle.query.subject}\u009b2K` } }],
      ['verdict.tenantId', { ...bundle, verdict: { ...bundle.verdict, tenantId: 'thai-nguyen\u2066' } }],
      ['verdict.steps.0.id', { ...bundle, verdict: { ...bundle.verdict, steps: [{ ...step, id: 'count\u007f' }] } }],
      ['verdict.calendarVersions.0', { ...bundle, verdict: { ...bundle.verdict, calendarVersions: ['vn-2026\r'] } }],
    ];
    for (const [field, edited] of edits) {
      const report = verify(resign(edited));
      expect(report.ok).toBe(false);
      expect(!report.ok && report.problems).toContainEqual({ code: 'malformed', message: expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}: must hold no control character`)) as unknown });
    }
    // Nor is one made: the bundle is checked as a verifier reads it before it is handed out.
    const built = await buildAuditBundle({
      rows: log.rows, treeSize: log.rows.length, installation: cursorUp, signedAt: '2026-03-04T02:00:00.000Z', key: installationKey.signing,
      query: bundle.query, verdict: bundle.verdict, definitions: [streamCountDefinition], ...deps,
    });
    expect(isLeft(built) && built.left).toMatchObject({ code: 'does-not-verify', message: expect.stringContaining('installation: must hold no control character') as unknown });
  });

  it('keeps the events as a store reads them back', async () => {
    const bundle = await mustBuild(log.dossierStreams[0]!);
    const stored = log.events.filter((e) => e.metadata.streamId === log.dossierStreams[0]) as RecordedEvent[];
    expect(bundle.events.map((e) => ({ ...e.line.metadata, streamId: e.line.streamId, streamVersion: e.line.streamVersion, globalPosition: e.line.globalPosition }))).toEqual(
      stored.map((e) => e.metadata),
    );
  });
});
