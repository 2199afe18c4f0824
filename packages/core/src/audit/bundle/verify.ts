import { isLeft, type t } from '../../fp.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { decodeExact, toIssues } from '../../kernel/codec.js';
import type { EventMetadata, RecordedEvent } from '../../kernel/envelope.js';
import { lineHash, type ExportLine } from '../../kernel/export-line.js';
import { streamMoveProblem } from '../../kernel/hash-chain.js';
import { jsonTextFault, type JsonTextFault } from '../../kernel/json-text.js';
import { STREAM_DEFINITIONS } from '../../desk/stream-definitions.js';
import type { Verdict, VerdictDefinition, VerdictDeps } from '../verdict.js';
import {
  AUDIT_BUNDLE_FORMAT,
  AuditBundleCodec,
  checkpointSigningText,
  CORE_PRODUCER,
  type AuditBundle,
  type AuditSignature,
  type BundleProducer,
} from './codec.js';
import { verifyTextSignature, type AuditPublicKey } from './keys.js';
import { verifyMerkleInclusion } from './merkle.js';

/** The text a bundle's own signature covers: the format line, then the canonical JSON of everything but that signature. */
export const bundleSigningText = (bundle: Omit<AuditBundle, 'signature'> & { readonly signature?: unknown }): string => {
  const { signature: _signature, ...signed } = bundle;
  return `${AUDIT_BUNDLE_FORMAT}\n${canonicalJson(signed)}`;
};

/**
 * Why a bundle does not verify. Codes are stable:
 * - `malformed`: not a bundle (not UTF-8, not JSON, JSON that readers may read differently, or codec
 *   errors, each field named);
 * - `unknown-key`, `bad-signature`: a signature by no key given, or one that does not match;
 * - `altered-event`: an event's content does not give its hash, or it sits in a stream no upgrade moves it to;
 * - `not-in-log`: an event, or the head, is not where its audit path says in the signed tree;
 * - `events`: events out of order, repeated, of another province, of an unknown kind or not the ones the verdict names;
 * - `verdict`: the verdict recomputed from the bundle's events differs from the one written, or cannot be recomputed.
 */
export type AuditBundleProblemCode = 'malformed' | 'unknown-key' | 'bad-signature' | 'altered-event' | 'not-in-log' | 'events' | 'verdict';

export interface AuditBundleProblem {
  readonly code: AuditBundleProblemCode;
  readonly message: string;
}

export type AuditBundleReport =
  | {
      readonly ok: true;
      readonly bundle: AuditBundle;
      /** The keys that signed the checkpoint and the bundle. */
      readonly keyIds: { readonly checkpoint: string; readonly bundle: string };
    }
  | { readonly ok: false; readonly problems: readonly AuditBundleProblem[] };

export interface VerifyBundleOptions extends VerdictDeps {
  /** The installation's public keys; several after a rotation. A bundle names the key that signed it. */
  readonly publicKeys: readonly AuditPublicKey[];
  /** How each kind of verdict is computed: the bundle's verdict is recomputed with the definition of its kind. */
  readonly definitions: readonly VerdictDefinition[];
  /** What `definitions` come from, compared with the bundle's `producer` when a verdict differs; default this `@motcua/core`. */
  readonly producer?: BundleProducer;
}

const named = (producer: BundleProducer): string => `${producer.package} ${producer.version}`;

/**
 * Why a recomputed verdict may differ besides an edit: a bundle made by another version of the
 * definitions (whose reasoning may be worded or ordered otherwise) names the version to verify it with.
 */
const producerHint = (made: BundleProducer | undefined, verifier: BundleProducer): string => {
  if (made === undefined) return '; the bundle does not name the version that made it';
  if (made.package === verifier.package && made.version === verifier.version) return '';
  return `; the bundle was made with ${named(made)} and this verifier is ${named(verifier)}: verify it with ${named(made)}`;
};

const CODECS: ReadonlyMap<string, t.Type<unknown, unknown, unknown> & { members: ReadonlyMap<string, t.Mixed> }> = new Map(
  STREAM_DEFINITIONS.map((definition) => [definition.name, definition.eventCodec as never]),
);

const codecFor = (streamId: string) => CODECS.get(streamId.slice(0, Math.max(0, streamId.indexOf('-'))));

const describeLine = (line: ExportLine) => `event at position ${line.globalPosition} (${line.streamId} v${line.streamVersion})`;

/** The event as a store reads it back: data checked against its kind's codec, positions from the line. */
const recordedEventOf = (line: ExportLine): RecordedEvent | string => {
  const codec = codecFor(line.streamId);
  if (codec === undefined) return `stream ${line.streamId} is of no known kind`;
  if (!codec.members.has(line.type)) return `unknown event type ${JSON.stringify(line.type)} for stream ${line.streamId}`;
  const decoded = codec.decode({ type: line.type, data: line.data });
  if (isLeft(decoded)) {
    return `bad ${line.type} event: ${toIssues(decoded.left).map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ')}`;
  }
  const { type, data } = decoded.right as unknown as { type: string; data: unknown };
  const metadata = { ...line.metadata, streamId: line.streamId, streamVersion: line.streamVersion, globalPosition: line.globalPosition } as unknown as EventMetadata;
  return { type, data, metadata };
};

const checkSignature = (
  what: string,
  signature: AuditSignature,
  text: string,
  keys: readonly AuditPublicKey[],
  problems: AuditBundleProblem[],
): void => {
  const key = keys.find((k) => k.keyId === signature.keyId);
  if (key === undefined) {
    const known = keys.length === 0 ? 'no public key was given' : `the keys given are ${keys.map((k) => k.keyId).join(', ')}`;
    problems.push({ code: 'unknown-key', message: `${what} is signed by key ${signature.keyId}, which is not among the public keys given (${known})` });
  } else if (!verifyTextSignature(key.publicKey, text, signature.value)) {
    problems.push({ code: 'bad-signature', message: `${what}'s signature does not match its content under key ${signature.keyId}: it was altered after signing` });
  }
};

/** The top-level fields of two verdicts that differ, for the message. */
const differingFields = (a: Verdict, b: Verdict): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (key) => canonicalJson((a as unknown as Record<string, unknown>)[key] ?? null) !== canonicalJson((b as unknown as Record<string, unknown>)[key] ?? null),
  );

const instantMs = (instant: string): number => Date.parse(instant);

/** The instants a bundle's verdict is judged at, as asked and as written, each once, with what each is. */
const judgingInstants = (bundle: AuditBundle): { readonly what: string; readonly instant: string; readonly judgedAt: boolean }[] => {
  const asked = bundle.query.asOf;
  const found = [
    ...(asked === undefined ? [] : 'businessTime' in asked ? [{ what: 'business time', instant: asked.businessTime, judgedAt: false }] : []),
    ...(asked !== undefined && 'globalPosition' in asked && asked.judgedAt !== undefined ? [{ what: 'judged at', instant: asked.judgedAt, judgedAt: true }] : []),
    ...(bundle.verdict.asOf.businessTime === undefined ? [] : [{ what: 'business time', instant: bundle.verdict.asOf.businessTime, judgedAt: false }]),
    ...(bundle.verdict.asOf.judgedAt === undefined ? [] : [{ what: 'judged at', instant: bundle.verdict.asOf.judgedAt, judgedAt: true }]),
  ];
  return found.filter((one, index) => found.findIndex((other) => other.what === one.what && other.instant === one.instant) === index);
};

/**
 * The moment a verdict answers for must be one the signed log had reached. Recomputing the verdict
 * cannot show a wrong moment, since the moment is part of what is recomputed from: a verdict as of a
 * business time, or judged at an instant, after the checkpoint was signed states what had not happened
 * yet (overdue in 2030, signed in 2026); a log cut at a position but judged before the last event it
 * takes was recorded judges deadlines at a time that event did not exist (a whole log judged before
 * the dossier was received). The key holder chooses the moment, so the verifier holds it to these bounds.
 */
const momentProblems = (bundle: AuditBundle): AuditBundleProblem[] => {
  const { signedAt } = bundle.checkpoint.statement;
  const problems: AuditBundleProblem[] = [];
  const last = bundle.events.find((event) => event.line.globalPosition === bundle.verdict.asOf.globalPosition)?.line;
  for (const { what, instant, judgedAt } of judgingInstants(bundle)) {
    if (instantMs(instant) > instantMs(signedAt)) {
      problems.push({ code: 'verdict', message: `the verdict is as of ${what} ${instant}, after the checkpoint was signed (${signedAt}): the signed log cannot answer for a moment it had not reached` });
    }
    if (judgedAt && last !== undefined && instantMs(instant) < instantMs(last.metadata.recordedAt as string)) {
      problems.push({
        code: 'verdict',
        message: `the verdict is judged at ${instant}, before the event at position ${last.globalPosition} it takes was recorded (${String(last.metadata.recordedAt)}): a log cut at a position is judged at or after the moment it stood there`,
      });
    }
  }
  return problems;
};

/**
 * Checks a bundle offline, with nothing but its own content, the installation's public keys and the
 * verdict definitions: every problem found is listed, not only the first (docs/audit.md). It sees
 * parsed values only: a bundle read from a file or a request is checked with `verifyAuditBundleText`.
 *
 * 1. the file decodes as a bundle, with no field the format does not name;
 * 2. the checkpoint is signed by a key given, and so is the bundle as a whole;
 * 3. the head hash is the last leaf of the signed tree;
 * 4. each event's content gives its hash after the previous hash it names, and its audit path leads
 *    from leaf `globalPosition − 1` to the signed root;
 * 5. events are in log order, once each, of the verdict's province, exactly those the verdict names;
 * 6. the verdict recomputed from these events by its kind's definition equals the one written;
 * 7. the moment it is as of is one the signed log had reached (`momentProblems`).
 */
export const verifyAuditBundle = (input: unknown, options: VerifyBundleOptions): AuditBundleReport => {
  const decoded = decodeExact(AuditBundleCodec, input);
  if (isLeft(decoded)) {
    return {
      ok: false,
      problems: decoded.left.issues.map((issue) => ({ code: 'malformed' as const, message: issue.field ? `${issue.field}: ${issue.message}` : issue.message })),
    };
  }
  const bundle = decoded.right as unknown as AuditBundle;
  const problems: AuditBundleProblem[] = [];
  const { statement, headProof } = bundle.checkpoint;
  const root = Buffer.from(statement.merkleRoot, 'hex');

  checkSignature('the checkpoint', bundle.checkpoint.signature, checkpointSigningText(statement), options.publicKeys, problems);
  checkSignature('the bundle', bundle.signature, bundleSigningText(bundle), options.publicKeys, problems);

  if (!verifyMerkleInclusion(statement.treeSize - 1, statement.treeSize, statement.headHash, headProof.map((h) => Buffer.from(h, 'hex')), root)) {
    problems.push({ code: 'not-in-log', message: `the head hash is not the last of the ${statement.treeSize} events under the checkpoint's Merkle root` });
  }

  const recorded: RecordedEvent[] = [];
  let previousPosition = 0;
  for (const { line, proof } of bundle.events) {
    const where = describeLine(line);
    if (line.globalPosition <= previousPosition) {
      problems.push({ code: 'events', message: `${where} does not follow position ${previousPosition}: events must be in log order, each once` });
    }
    previousPosition = Math.max(previousPosition, line.globalPosition);
    if (lineHash(line.previousHash, line) !== line.hash) {
      problems.push({ code: 'altered-event', message: `${where}: its content does not give its hash (it was altered)` });
    }
    const moved = streamMoveProblem({ ...line, metadataJson: JSON.stringify(line.metadata) });
    if (moved !== undefined) problems.push({ code: 'altered-event', message: `${where}: ${moved}` });
    if (line.globalPosition > statement.treeSize) {
      problems.push({ code: 'not-in-log', message: `${where} comes after the checkpoint, which covers positions 1..${statement.treeSize}` });
    } else if (!verifyMerkleInclusion(line.globalPosition - 1, statement.treeSize, line.hash, proof.map((h) => Buffer.from(h, 'hex')), root)) {
      problems.push({ code: 'not-in-log', message: `${where}: its hash is not at its position in the signed log (the audit path does not lead to the checkpoint's root)` });
    }
    if (line.metadata.tenantId !== bundle.verdict.tenantId) {
      problems.push({ code: 'events', message: `${where} belongs to province ${String(line.metadata.tenantId)}, the verdict to ${bundle.verdict.tenantId}` });
    }
    const event = recordedEventOf(line);
    if (typeof event === 'string') problems.push({ code: 'events', message: `${where}: ${event}` });
    else recorded.push(event);
  }

  const positions = bundle.events.map((e) => e.line.globalPosition);
  if (canonicalJson(positions) !== canonicalJson(bundle.verdict.events)) {
    const carried = new Set(positions);
    const named = new Set(bundle.verdict.events);
    const missing = bundle.verdict.events.filter((p) => !carried.has(p));
    const extra = positions.filter((p) => !named.has(p));
    problems.push({
      code: 'events',
      message:
        `the events carried are not those the verdict rests on, in log order` +
        (missing.length > 0 ? `; missing: ${missing.join(', ')}` : '') +
        (extra.length > 0 ? `; not named by the verdict: ${extra.join(', ')}` : ''),
    });
  }
  const queried = bundle.query.asOf !== undefined && 'globalPosition' in bundle.query.asOf ? bundle.query.asOf.globalPosition : 0;
  const asOfPosition = Math.max(bundle.verdict.asOf.globalPosition, queried);
  if (asOfPosition > statement.treeSize) {
    problems.push({ code: 'verdict', message: `the verdict is as of position ${asOfPosition}, after the checkpoint (${statement.treeSize})` });
  }
  problems.push(...momentProblems(bundle));

  const { query, verdict } = bundle;
  if (query.kind !== verdict.kind || query.tenantId !== verdict.tenantId || query.subject !== verdict.subject) {
    problems.push({ code: 'verdict', message: `the verdict (${verdict.kind} ${verdict.tenantId}/${verdict.subject}) does not answer the query (${query.kind} ${query.tenantId}/${query.subject})` });
  }
  const definition = options.definitions.find((d) => d.kind === query.kind);
  if (definition === undefined) {
    problems.push({ code: 'verdict', message: `no definition of ${query.kind} verdicts was given, so the verdict could not be recomputed` });
  } else if (recorded.length === bundle.events.length) {
    let recomputed: Verdict | undefined;
    try {
      recomputed = definition.compute(recorded, query, { rules: options.rules, calendar: options.calendar });
    } catch (error) {
      problems.push({ code: 'verdict', message: `the ${query.kind} verdict cannot be recomputed from the bundle's events: ${(error as Error).message}` });
    }
    if (recomputed !== undefined && canonicalJson(recomputed) !== canonicalJson(verdict)) {
      problems.push({
        code: 'verdict',
        message: `the verdict recomputed from the bundle's events differs from the one written in: ${differingFields(recomputed, verdict).join(', ')}${producerHint(bundle.producer, options.producer ?? CORE_PRODUCER)}`,
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bundle, keyIds: { checkpoint: bundle.checkpoint.signature.keyId, bundle: bundle.signature.keyId } };
};

const malformed = (message: string): AuditBundleReport => ({ ok: false, problems: [{ code: 'malformed', message }] });

/** Why a text fault refuses a bundle, for an auditor: a member given twice is what lets the file say two things. */
const textFaultMessage = (fault: JsonTextFault): string => {
  const why =
    fault.rule === 'duplicate-member'
      ? 'is given twice in one object: the signatures cover one of its values (JSON.parse keeps the last), while a person or a parser keeping the first reads the other'
      : fault.message;
  return fault.field === '' ? why : `${fault.field}: ${why}`;
};

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks a bundle as its file holds it, which is what an auditor reads: the bytes must be UTF-8 and the
 * text JSON read one way only (`jsonTextFault`), or it is refused (`malformed`, naming the path) before
 * anything else is checked. The signatures cover values as `JSON.parse` reads them, keeping the last of
 * a member given twice; a text holding a member twice could show a reader a false value beside the
 * signed one and still verify. A byte order mark is kept, so the text is not JSON.
 */
export const verifyAuditBundleText = (text: string | Uint8Array, options: VerifyBundleOptions): AuditBundleReport => {
  let decoded: string;
  try {
    decoded = typeof text === 'string' ? text : UTF8.decode(text);
  } catch {
    return malformed('the bundle is not UTF-8 text');
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded);
  } catch (error) {
    return malformed(`the bundle is not JSON (${(error as Error).message})`);
  }
  const fault = jsonTextFault(decoded);
  if (fault !== undefined) return malformed(textFaultMessage(fault));
  return verifyAuditBundle(value, options);
};
