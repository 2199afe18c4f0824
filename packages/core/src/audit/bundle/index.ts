export {
  AUDIT_BUNDLE_FORMAT,
  AuditBundleCodec,
  AuditSignatureCodec,
  CHECKPOINT_FORMAT,
  checkpointSigningText,
  LogCheckpointCodec,
  VerdictCodec,
  type AuditBundle,
  type BundleProducer,
  type AuditSignature,
  type BundleEvent,
  type LogCheckpoint,
  type VerdictQuery,
} from './codec.js';
export {
  auditKeyId,
  generateAuditKeyPair,
  parseAuditPrivateKey,
  parseAuditPublicKey,
  type AuditKeyPairPem,
  type AuditPublicKey,
  type AuditSigningKey,
} from './keys.js';
export { MerkleAccumulator, merkleLeafHash, merkleNodeHash, verifyMerkleInclusion, type MerkleProofs } from './merkle.js';
export { buildAuditBundle, type AuditBundleRefusal, type BuildAuditBundleInput } from './build.js';
export {
  bundleSigningText,
  verifyAuditBundle,
  verifyAuditBundleText,
  type AuditBundleProblem,
  type AuditBundleProblemCode,
  type AuditBundleReport,
  type VerifyBundleOptions,
} from './verify.js';
