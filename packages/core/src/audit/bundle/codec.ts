import { t } from '../../fp.js';
import { ExportLineCodec, Sha256Hex, type ExportLine } from '../../kernel/export-line.js';
import { Instant, NonNegativeInt, oneOf, PositiveInt, refined, ShownName, ShownText } from '../../kernel/primitives.js';
import { CORE_PACKAGE } from '../../version.js';
import type { AsOf, Verdict, VerdictKind } from '../verdict.js';

export const AUDIT_BUNDLE_FORMAT = 'motcua-audit-bundle/1';
export const CHECKPOINT_FORMAT = 'motcua-checkpoint/1';

/**
 * A signed statement about the whole log at one moment: it held `treeSize` events, the last one's
 * chain hash was `headHash`, and the Merkle tree over every event hash (RFC 6962) has `merkleRoot`.
 */
export interface LogCheckpoint {
  /** Which installation's log: the name it publishes its public key under. */
  readonly installation: string;
  readonly treeSize: number;
  readonly headHash: string;
  readonly merkleRoot: string;
  readonly signedAt: string;
}

export interface AuditSignature {
  readonly algorithm: 'ed25519';
  /** SHA-256 (hex) of the signing public key in SPKI DER form (`auditKeyId`). */
  readonly keyId: string;
  /** 64 bytes in lowercase hex. */
  readonly value: string;
}

/** What a verdict was asked: what `VerdictDefinition.compute` is called with, again, by the verifier. */
export interface VerdictQuery {
  readonly kind: VerdictKind;
  readonly tenantId: string;
  readonly subject: string;
  readonly asOf?: AsOf;
}

/** One event of the bundle with its audit path to the checkpoint's root (leaf index = global position − 1). */
export interface BundleEvent {
  readonly line: ExportLine;
  readonly proof: readonly string[];
}

/**
 * What made the bundle: the package and version whose verdict definitions computed its verdict. A
 * verdict's reasoning is worded by the version computing it, so a verifier of another version may
 * compute it otherwise; the bundle says which version to verify it with. Bundles made before it was
 * added have none.
 */
export interface BundleProducer {
  readonly package: string;
  readonly version: string;
}

/** This `@motcua/core`: what its built-in definitions' verdicts name, and what a verifier compares by default. */
export const CORE_PRODUCER: BundleProducer = { package: CORE_PACKAGE.name, version: CORE_PACKAGE.version };

export interface AuditBundle {
  readonly format: typeof AUDIT_BUNDLE_FORMAT;
  readonly producer?: BundleProducer;
  readonly query: VerdictQuery;
  readonly verdict: Verdict;
  readonly events: readonly BundleEvent[];
  readonly checkpoint: {
    readonly statement: LogCheckpoint;
    /** The audit path of the head event (`headHash`, leaf treeSize − 1): ties the chain's anchor to the root. */
    readonly headProof: readonly string[];
    readonly signature: AuditSignature;
  };
  /** Over everything above (`bundleSigningText`): the choice of events, the query and the verdict. */
  readonly signature: AuditSignature;
}

const SignatureHex = refined('Ed25519SignatureHex', t.string, (s) => /^[0-9a-f]{128}$/.test(s), 'an Ed25519 signature: 128 lowercase hex digits', {
  type: 'string',
  pattern: '^[0-9a-f]{128}$',
});

const VerdictKindCodec = oneOf('VerdictKind', ['dossier', 'officer', 'incident', 'feedback']);

const AsOfCodec = t.union(
  [t.intersection([t.type({ globalPosition: NonNegativeInt }), t.partial({ judgedAt: Instant })]), t.type({ businessTime: Instant })],
  'AsOf',
);

const VerdictStepCodec = t.intersection(
  [
    t.type({ id: ShownName, finding: t.string, events: t.readonlyArray(PositiveInt) }),
    t.partial({
      rule: t.type({ ruleSetId: ShownText, field: ShownText, source: ShownText }),
      values: t.record(t.string, t.union([t.string, t.number, t.boolean, t.null])),
    }),
  ],
  'VerdictStep',
);

export const VerdictCodec = t.type(
  {
    kind: VerdictKindCodec,
    tenantId: ShownName,
    subject: ShownName,
    asOf: t.intersection([t.type({ globalPosition: NonNegativeInt }), t.partial({ businessTime: Instant, judgedAt: Instant })]),
    outcome: t.unknown,
    steps: t.readonlyArray(VerdictStepCodec),
    ruleSetVersions: t.readonlyArray(ShownText),
    calendarVersions: t.readonlyArray(ShownText),
    events: t.readonlyArray(PositiveInt),
  },
  'Verdict',
);

export const AuditSignatureCodec = t.type({ algorithm: t.literal('ed25519'), keyId: Sha256Hex, value: SignatureHex }, 'AuditSignature');

export const LogCheckpointCodec = t.type(
  { installation: ShownName, treeSize: PositiveInt, headHash: Sha256Hex, merkleRoot: Sha256Hex, signedAt: Instant },
  'LogCheckpoint',
);

const BundleProducerCodec = t.type({ package: ShownName, version: ShownName }, 'BundleProducer');

export const AuditBundleCodec = t.intersection(
  [
    t.type({
      format: t.literal(AUDIT_BUNDLE_FORMAT),
      query: t.intersection([t.type({ kind: VerdictKindCodec, tenantId: ShownName, subject: ShownName }), t.partial({ asOf: AsOfCodec })]),
      verdict: VerdictCodec,
      events: t.readonlyArray(t.type({ line: ExportLineCodec, proof: t.readonlyArray(Sha256Hex) }, 'BundleEvent')),
      checkpoint: t.type({ statement: LogCheckpointCodec, headProof: t.readonlyArray(Sha256Hex), signature: AuditSignatureCodec }),
      signature: AuditSignatureCodec,
    }),
    t.partial({ producer: BundleProducerCodec }),
  ],
  'AuditBundle',
);

/**
 * The text a checkpoint's signature covers, with the length of the one free-text field, so a verifier
 * in any language rebuilds it: `motcua-checkpoint/1\n<bytes>:<installation>\n<treeSize>\n<headHash>\n<merkleRoot>\n<signedAt>\n`.
 */
export const checkpointSigningText = (c: LogCheckpoint): string =>
  `${CHECKPOINT_FORMAT}\n${Buffer.byteLength(c.installation)}:${c.installation}\n${c.treeSize}\n${c.headHash}\n${c.merkleRoot}\n${c.signedAt}\n`;
