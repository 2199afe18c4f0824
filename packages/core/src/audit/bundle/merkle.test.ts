import * as crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MerkleAccumulator, merkleLeafHash, merkleNodeHash, verifyMerkleInclusion } from './merkle.js';

const hashes = (n: number) => Array.from({ length: n }, (_, i) => crypto.createHash('sha256').update(`event ${i}`).digest('hex'));

// RFC 6962 §2.1, written as the recursion it defines.
const split = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (leaves: readonly string[]): Buffer =>
  leaves.length === 1 ? merkleLeafHash(leaves[0]!) : merkleNodeHash(mth(leaves.slice(0, split(leaves.length))), mth(leaves.slice(split(leaves.length))));
const path = (m: number, leaves: readonly string[]): Buffer[] => {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
};

const build = (leaves: readonly string[], prove: readonly number[]) => {
  const accumulator = new MerkleAccumulator(leaves.length, prove);
  for (const leaf of leaves) accumulator.add(leaf);
  return accumulator.finish();
};

describe('the Merkle tree over event hashes', () => {
  it('gives the root and audit paths of RFC 6962 for every tree size and leaf up to 40', () => {
    for (let n = 1; n <= 40; n++) {
      const leaves = hashes(n);
      const all = leaves.map((_, m) => m);
      const proofs = build(leaves, all);
      expect(proofs.root.equals(mth(leaves))).toBe(true);
      for (const m of all) {
        expect(proofs.paths.get(m)).toEqual(path(m, leaves));
        expect(verifyMerkleInclusion(m, n, leaves[m]!, proofs.paths.get(m)!, proofs.root)).toBe(true);
      }
    }
  });

  it('refuses a proof for another leaf, index or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }))), ([n, m, other]) => {
        const leaves = hashes(n);
        const { root, paths } = build(leaves, [m]);
        const proof = paths.get(m)!;
        expect(verifyMerkleInclusion(m, n, leaves[m]!, proof, root)).toBe(true);
        if (other !== m) {
          expect(verifyMerkleInclusion(other, n, leaves[m]!, proof, root)).toBe(false);
          expect(verifyMerkleInclusion(m, n, leaves[other]!, proof, root)).toBe(false);
        }
        expect(verifyMerkleInclusion(m, n, leaves[m]!, proof, merkleLeafHash(leaves[m]!))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
