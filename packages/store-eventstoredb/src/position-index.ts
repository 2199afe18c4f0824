import type { WirePosition } from './client.js';

/**
 * Where in `$all` some of motcua's positions are, so a read from a checkpoint starts near it instead
 * of at the beginning. `$all` positions are byte offsets the server chose, so motcua's gap-free
 * position cannot be turned into one by arithmetic; the store notes each one it sees at a page's end,
 * after an append, and every so often while scanning. Bounded: past `capacity`, every other entry is
 * dropped (the newest kept), so old checkpoints stay roughly placed.
 */
export class PositionIndex {
  private positions: number[] = [];
  private readonly wire = new Map<number, WirePosition>();

  constructor(private readonly capacity = 4096) {}

  remember(position: number, at: WirePosition): void {
    if (this.wire.has(position)) return;
    this.wire.set(position, at);
    const last = this.positions.at(-1);
    if (last === undefined || position > last) this.positions.push(position);
    else this.positions.splice(this.insertionPoint(position), 0, position);
    if (this.positions.length > this.capacity) this.thin();
  }

  /** The known entry with the greatest position not above `position`; undefined when none is. */
  nearest(position: number): { readonly position: number; readonly at: WirePosition } | undefined {
    const index = this.insertionPoint(position + 1) - 1;
    if (index < 0) return undefined;
    const found = this.positions[index] as number;
    return { position: found, at: this.wire.get(found) as WirePosition };
  }

  /** Forgets everything after `position` (the log was found to differ from what was noted). */
  forgetAfter(position: number): void {
    const keep = this.insertionPoint(position + 1);
    for (const dropped of this.positions.splice(keep)) this.wire.delete(dropped);
  }

  get size(): number {
    return this.positions.length;
  }

  /** Index of the first entry >= position. */
  private insertionPoint(position: number): number {
    let low = 0;
    let high = this.positions.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.positions[mid] as number) < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private thin(): void {
    const newest = this.positions.at(-1) as number;
    const kept = this.positions.filter((_, i) => i % 2 === 1 || this.positions[i] === newest);
    const keep = new Set(kept);
    for (const position of this.positions) if (!keep.has(position)) this.wire.delete(position);
    this.positions = kept;
  }
}
