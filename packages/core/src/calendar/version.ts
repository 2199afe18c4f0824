import { canonicalJson } from '../kernel/canonical-json.js';

/**
 * A short, stable fingerprint of configuration data (FNV-1a, 64 bits). Not for security: it only
 * keeps two different calendar configurations from ever sharing a version string.
 */
export const fingerprint = (value: unknown): string => {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0').slice(0, 12);
};
