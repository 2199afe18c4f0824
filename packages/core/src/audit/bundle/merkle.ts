import * as crypto from 'node:crypto';

/**
 * A Merkle tree over the log's event hashes, as RFC 6962 (Certificate Transparency) builds it: leaf
 * `i` is the chain hash of the event at global position `i + 1`; a leaf hashes as SHA-256(0x00 ‖
 * hash bytes), an inner node as SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the
 * largest power of two below n. An inclusion proof is O(log n) hashes, so one event is tied to a
 * signed root without the rest of the log.
 */
const sha256 = (...parts: readonly Buffer[]): Buffer => {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const merkleLeafHash = (eventHashHex: string): Buffer => sha256(LEAF, Buffer.from(eventHashHex, 'hex'));
export const merkleNodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE, left, right);

/** The largest power of two strictly below n (n ≥ 2). */
const splitOf = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** Leaf ranges `[start, end)` whose roots make the audit path of leaf m, from the leaf up (RFC 6962 §2.1.1). */
const pathRanges = (m: number, start: number, end: number, out: [number, number][] = []): [number, number][] => {
  if (end - start <= 1) return out;
  const k = splitOf(end - start);
  if (m < start + k) {
    pathRanges(m, start, start + k, out);
    out.push([start + k, end]);
  } else {
    pathRanges(m, start + k, end, out);
    out.push([start, start + k]);
  }
  return out;
};

/** The aligned power-of-two subtrees a range's root is made of (every range of a path is one, or ends the tree). */
const perfectPieces = (start: number, end: number, out: [number, number][] = []): [number, number][] => {
  const size = end - start;
  if ((size & (size - 1)) === 0) {
    out.push([start, size]);
    return out;
  }
  const k = splitOf(size);
  perfectPieces(start, start + k, out);
  return perfectPieces(start + k, end, out);
};

const key = (start: number, size: number) => `${start}:${size}`;

export interface MerkleProofs {
  readonly treeSize: number;
  readonly root: Buffer;
  /** The audit path of each leaf asked for, by leaf index. */
  readonly paths: ReadonlyMap<number, readonly Buffer[]>;
}

/**
 * Folds the leaves in one pass, keeping only a stack of subtree roots (O(log n) memory) and the
 * subtrees the asked leaves' paths need, so a province's years of events need not sit in memory.
 * The leaves to prove must be known before the pass; the tree size is the number of leaves added.
 */
export class MerkleAccumulator {
  private readonly stack: { start: number; size: number; hash: Buffer }[] = [];
  private readonly kept = new Map<string, Buffer>();
  private readonly wanted: ReadonlySet<string>;
  private count = 0;

  /** `treeSize`: the number of leaves that will be added; `leaves`: the indices to prove. */
  constructor(
    private readonly treeSize: number,
    private readonly leaves: readonly number[],
  ) {
    const wanted = new Set<string>();
    for (const m of leaves) {
      if (!Number.isSafeInteger(m) || m < 0 || m >= treeSize) throw new RangeError(`leaf ${m} is outside a tree of ${treeSize} leaves`);
      for (const [start, end] of pathRanges(m, 0, treeSize)) for (const [s, size] of perfectPieces(start, end)) wanted.add(key(s, size));
    }
    if (treeSize > 0) for (const [s, size] of perfectPieces(0, treeSize)) wanted.add(key(s, size));
    this.wanted = wanted;
  }

  add(eventHashHex: string): void {
    if (this.count >= this.treeSize) throw new RangeError(`more than the ${this.treeSize} leaves announced`);
    let node = { start: this.count, size: 1, hash: merkleLeafHash(eventHashHex) };
    this.count++;
    this.keep(node);
    for (let top = this.stack.at(-1); top !== undefined && top.size === node.size; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { start: top.start, size: top.size * 2, hash: merkleNodeHash(top.hash, node.hash) };
      this.keep(node);
    }
    this.stack.push(node);
  }

  private keep(node: { start: number; size: number; hash: Buffer }): void {
    const k = key(node.start, node.size);
    if (this.wanted.has(k)) this.kept.set(k, node.hash);
  }

  private rangeRoot(start: number, end: number): Buffer {
    const pieces = perfectPieces(start, end).map(([s, size]) => {
      const hash = this.kept.get(key(s, size));
      if (hash === undefined) throw new Error(`subtree ${key(s, size)} was not kept`);
      return hash;
    });
    // A range ending the tree is its pieces folded from the right (RFC 6962's split, applied again).
    return pieces.reduceRight((right, left) => merkleNodeHash(left, right));
  }

  finish(): MerkleProofs {
    if (this.count !== this.treeSize) throw new RangeError(`${this.count} leaves added, ${this.treeSize} announced`);
    const root = this.treeSize === 0 ? sha256() : this.rangeRoot(0, this.treeSize);
    const paths = new Map(this.leaves.map((m) => [m, pathRanges(m, 0, this.treeSize).map(([start, end]) => this.rangeRoot(start, end))]));
    return { treeSize: this.treeSize, root, paths };
  }
}

/** RFC 9162 §2.1.3.2: whether `path` proves leaf `leafIndex` (an event hash) is in the tree of `treeSize` leaves with this root. */
export const verifyMerkleInclusion = (
  leafIndex: number,
  treeSize: number,
  eventHashHex: string,
  path: readonly Buffer[],
  root: Buffer,
): boolean => {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = merkleLeafHash(eventHashHex);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = merkleNodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = merkleNodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
};
