/**
 * The keys a copy has written since it started empty, as a Bloom filter: `mayHold(key)` is false only
 * for a key never added, so a build that trimmed its cache still knows, without reading the store,
 * that a key it never wrote has no document (most keys a build meets are new). A key added may be
 * answered true for another key now and then (under 1% at a million keys): that key is then read from
 * the store, which answers that it has no document.
 */
export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `2^log2Bits` bits (default 2^24: 2 MB). */
  constructor(log2Bits = 24) {
    this.bits = new Uint32Array(2 ** Math.max(5, log2Bits) / 32);
    this.mask = 2 ** Math.max(5, log2Bits) - 1;
  }

  add(key: string): void {
    const [a, b] = hashes(key);
    for (let i = 0, h = a; i < PROBES; i++, h = (h + b) >>> 0) {
      const bit = h & this.mask;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  mayHold(key: string): boolean {
    const [a, b] = hashes(key);
    for (let i = 0, h = a; i < PROBES; i++, h = (h + b) >>> 0) {
      const bit = h & this.mask;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 3;
const pair: [number, number] = [0, 0];

/** Two 32-bit FNV-1a hashes of the key's code units (different offsets), for double hashing. */
const hashes = (key: string): readonly [number, number] => {
  let a = 0x811c9dc5;
  let b = 0x2f2ac3b1;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  pair[0] = a >>> 0;
  // Odd, so the probes of one key never fall on one bit.
  pair[1] = (b | 1) >>> 0;
  return pair;
};
