/**
 * Shannon entropy per character below which a secret is treated as repetitive: 32 random bytes as hex
 * (64 characters) or base64 (43) measure well above it, `abab…` (1 bit) or a run of spaces (0) below.
 */
const VARIED_BITS_PER_CHARACTER = 3;

/**
 * An estimate of a secret's entropy in bits, for refusing weak HS256 secrets. A varied secret counts
 * the bits of the smallest alphabet it is written in per character (hex 4, base64/base64url 6,
 * printable ASCII 6.57); a repetitive one only the Shannon entropy of its own characters, so blank,
 * repeated and short secrets score low. It cannot see a predictable secret written in a varied way:
 * generate secrets (`openssl rand -hex 32`), do not type them.
 */
export const secretEntropyBits = (secret: string): number => {
  const characters = [...secret.replace(/=+$/, '')];
  if (characters.length === 0) return 0;
  const alphabetBits = /^[0-9a-fA-F]+$/.test(secret) ? 4 : /^[A-Za-z0-9+/_-]+=*$/.test(secret) ? 6 : Math.log2(95);
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let shannon = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    shannon -= p * Math.log2(p);
  }
  return characters.length * (shannon >= VARIED_BITS_PER_CHARACTER ? alphabetBits : shannon);
};

/** HS256 keys as strong as the hash: RFC 7518 §3.2 asks for a key of at least 256 bits. */
export const MIN_SECRET_BITS = 256;
