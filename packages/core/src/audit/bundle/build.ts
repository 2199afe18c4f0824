import { left, right, type Either } from '../../fp.js';
import { toExportLine, type ExportLine } from '../../kernel/export-line.js';
import { verifyHashChain, type HashChainRow } from '../../kernel/hash-chain.js';
import { CorruptEventError } from '../../kernel/read-decoded-stream.js';
import type { Verdict, VerdictDefinition, VerdictDeps } from '../verdict.js';
import { AUDIT_BUNDLE_FORMAT, checkpointSigningText, CORE_PRODUCER, type AuditBundle, type AuditSignature, type BundleProducer, type LogCheckpoint, type VerdictQuery } from './codec.js';
import { signText, type AuditSigningKey } from './keys.js';
import { MerkleAccumulator } from './merkle.js';
import { bundleSigningText, verifyAuditBundle } from './verify.js';

export interface BuildAuditBundleInput extends VerdictDeps {
  /** The whole log in global order from position 1, with the texts and hashes as stored (e.g. `sqliteChainRows`). */
  readonly rows: Iterable<HashChainRow> | AsyncIterable<HashChainRow>;
  /** Events the checkpoint covers: the log's head when the bundle is asked for; rows after it are not read. */
  readonly treeSize: number;
  /** The name the installation publishes its public key under, e.g. `so-tttt-thai-nguyen`. */
  readonly installation: string;
  /** When the checkpoint is signed (the caller's clock: core reads none). */
  readonly signedAt: string;
  readonly key: AuditSigningKey;
  /** What was asked, and the verdict computed for it from the store: it names the events to carry. */
  readonly query: VerdictQuery;
  readonly verdict: Verdict;
  /** Used to check the bundle before handing it out, as a verifier will. */
  readonly definitions: readonly VerdictDefinition[];
  /** What computed the verdict, named in the bundle; default this `@motcua/core` (give yours with definitions of your own). */
  readonly producer?: BundleProducer;
}

/**
 * - `log-does-not-verify`: the hash chain is broken up to the checkpoint, so nothing is signed;
 * - `events-not-in-log`: the verdict names positions the log does not hold up to the checkpoint;
 * - `does-not-verify`: the bundle made would not verify (the verdict cannot be recomputed from the
 *   events it names: a definition that rests on events it does not list).
 */
export interface AuditBundleRefusal {
  readonly code: 'log-does-not-verify' | 'events-not-in-log' | 'does-not-verify';
  readonly message: string;
}

const sign = (key: AuditSigningKey, text: string): AuditSignature => ({ algorithm: 'ed25519', keyId: key.keyId, value: signText(key.privateKey, text) });

/**
 * Makes the audit bundle of a verdict in one pass over the log: it checks the hash chain from the
 * first event to the checkpoint (a broken log is refused, never signed), folds every event hash into
 * the Merkle tree, keeps the lines the verdict names with their audit paths, signs the checkpoint and
 * then the bundle, and verifies the result as an auditor would before returning it.
 */
export const buildAuditBundle = async (input: BuildAuditBundleInput): Promise<Either<AuditBundleRefusal, AuditBundle>> => {
  const { treeSize, verdict } = input;
  if (!Number.isSafeInteger(treeSize) || treeSize < 1) return left({ code: 'events-not-in-log', message: 'the log is empty: there is nothing to prove' });
  const wanted = new Set(verdict.events);
  const outside = verdict.events.filter((p) => p > treeSize);
  if (outside.length > 0) {
    return left({ code: 'events-not-in-log', message: `the verdict names positions after the log's head (${treeSize}): ${outside.join(', ')}` });
  }
  const accumulator = new MerkleAccumulator(treeSize, [...wanted].map((p) => p - 1).concat(treeSize - 1));
  // Kept as stored, and parsed only once the chain says they are what was hashed.
  const rows = new Map<number, HashChainRow>();
  let headHash = '';
  let added = 0;
  async function* upToCheckpoint(): AsyncGenerator<HashChainRow> {
    for await (const row of input.rows) {
      if (row.globalPosition > treeSize) return;
      // After a broken link the chain check reads on to name what happened; the tree is dropped then.
      if (added < treeSize) {
        accumulator.add(row.hash);
        added++;
      }
      if (wanted.has(row.globalPosition)) rows.set(row.globalPosition, row);
      headHash = row.hash;
      yield row;
    }
  }
  const chain = await verifyHashChain(upToCheckpoint());
  if (!chain.ok) {
    return left({ code: 'log-does-not-verify', message: `the log does not verify, so no bundle is signed: ${chain.problem} ${chain.message}` });
  }
  if (chain.lastPosition !== treeSize) {
    return left({ code: 'events-not-in-log', message: `the log ends at position ${chain.lastPosition}, before the checkpoint's ${treeSize}` });
  }
  const missing = verdict.events.filter((p) => !rows.has(p));
  if (missing.length > 0) return left({ code: 'events-not-in-log', message: `the log holds no event at positions ${missing.join(', ')}` });
  const lines = new Map<number, ExportLine>();
  for (const [position, row] of rows) {
    try {
      lines.set(position, toExportLine(row));
    } catch (error) {
      // A text that is no JSON yet matches its hash: the chain was rebuilt over an edit.
      if (!(error instanceof CorruptEventError)) throw error;
      return left({ code: 'log-does-not-verify', message: `the log does not verify, so no bundle is signed: altered event at position ${position}: ${error.reason}` });
    }
  }

  const { root, paths } = accumulator.finish();
  const hex = (m: number) => (paths.get(m) ?? []).map((h) => h.toString('hex'));
  const statement: LogCheckpoint = { installation: input.installation, treeSize, headHash, merkleRoot: root.toString('hex'), signedAt: input.signedAt };
  const producer = input.producer ?? CORE_PRODUCER;
  const unsigned: Omit<AuditBundle, 'signature'> = {
    format: AUDIT_BUNDLE_FORMAT,
    producer,
    query: input.query,
    verdict,
    events: [...wanted].sort((a, b) => a - b).map((p) => ({ line: lines.get(p) as ExportLine, proof: hex(p - 1) })),
    checkpoint: { statement, headProof: hex(treeSize - 1), signature: sign(input.key, checkpointSigningText(statement)) },
  };
  // Through JSON, as a verifier reads it: what is signed is what the file will hold.
  const bundle = JSON.parse(JSON.stringify({ ...unsigned, signature: sign(input.key, bundleSigningText(unsigned)) })) as AuditBundle;
  const report = verifyAuditBundle(bundle, {
    producer,
    publicKeys: [{ keyId: input.key.keyId, publicKey: input.key.publicKey }],
    definitions: input.definitions,
    rules: input.rules,
    calendar: input.calendar,
  });
  if (!report.ok) {
    return left({ code: 'does-not-verify', message: `the bundle made would not verify: ${report.problems.map((p) => p.message).join('; ')}` });
  }
  return right(bundle);
};
