import type { EventHandler, EventOf } from '../engine/document-projection.js';
import type { DocumentQuery, ListQuery } from '../engine/document-store.js';
import type { KeyPage } from '../read-model.js';
import { TenantId } from '../../kernel/tenant.js';
import type { EventPosition } from './event-ref.js';
import { documentKey, documentPrefix, idOfKeyPart, keyPart } from './document-key.js';

/**
 * Lineage: the units merged into a unit (docs/domain/org-chart.md §2). From a `UnitDissolved`'s
 * effective date its successor answers for the dissolved unit's work, so a read model with a unit
 * dimension can roll the figures of the units merged into a unit up into it.
 *
 * A read model adopts it in one step: its projection handles `UnitDissolved` with `lineageHandler()`
 * (its document type including `LineageDocument`), which keeps, per successor, the units merged into
 * it in `<tenant>/lineage/<successor>/merged`. Its queries ask `lineageOf(documents, tenant, unit,
 * until)` for the unit and every unit merged into it by `until` (a period's last day), sum their
 * figures, and name the merger events among the figure's contributions. Figures are computed when
 * asked: a merger recorded after the facts it rolls up still rolls them up, in whatever order the
 * events came. A province's documents hold its own events only: a merger across provinces is seen in
 * the province where the dissolution is recorded.
 */

/** One merger: `unit` dissolved into `into` from `on` (the effective date), by the event at `p`. */
export interface Merger {
  readonly unit: string;
  readonly into: string;
  readonly on: string;
  readonly p: EventPosition;
}

/** The units merged into one successor (`<tenant>/lineage/<successor>/merged`): one entry per dissolution. */
export interface LineageDocument {
  readonly kind: 'lineage';
  readonly merged: readonly { readonly unit: string; readonly on: string; readonly p: EventPosition }[];
}

/** A unit with the units merged into it by a date. */
export interface Lineage {
  readonly unit: string;
  /** The unit first, then every unit merged into it (directly or down a chain), in the order found. */
  readonly units: readonly string[];
  /** The mergers that bring them in, by effective date (then unit). */
  readonly mergers: readonly Merger[];
}

export const LINEAGE_ROOT = 'lineage';

/** The document of the units merged into `unitId`. */
export const lineageKey = (tenantId: string, unitId: string): string => documentKey(tenantId, LINEAGE_ROOT, keyPart(unitId), 'merged');

export const isLineageDocument = (document: unknown): document is LineageDocument =>
  typeof document === 'object' && document !== null && (document as { readonly kind?: unknown }).kind === 'lineage';

const byDateThenUnit = (a: { readonly on: string; readonly unit: string; readonly p: number }, b: { readonly on: string; readonly unit: string; readonly p: number }): number =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.p - b.p;

/**
 * The handler of `UnitDissolved` for a projection whose documents `D` include `LineageDocument`:
 * `handlers: { ...theirs, UnitDissolved: lineageHandler<D>() }`. The dissolved unit joins its
 * successor's list, kept in date order so the document does not depend on the order of the events.
 */
export const lineageHandler = <D>(): EventHandler<D, EventOf<'UnitDissolved'>> => ({
  touches: (event) => [lineageKey(event.metadata.tenantId, event.data.successorCode)],
  evolve: (document, event) => {
    const { code, effectiveDate } = event.data;
    const p = event.metadata.globalPosition;
    const merged = isLineageDocument(document) ? document.merged : [];
    if (merged.some((entry) => entry.p === p)) return document;
    const next: LineageDocument = { kind: 'lineage', merged: [...merged, { unit: code, on: effectiveDate, p }].sort(byDateThenUnit) };
    return next as D;
  },
});

/** Every merger into `unitId`, directly or down a chain, whatever its date; a loop in bad data is followed once. */
export const mergersInto = async <D>(documents: DocumentQuery<D>, tenantId: string, unitId: string): Promise<Merger[]> => {
  const mergers: Merger[] = [];
  const seen = new Set<string>([unitId]);
  const queue = [unitId];
  for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
    const document = await documents.get(lineageKey(tenantId, unit));
    if (!isLineageDocument(document)) continue;
    for (const entry of document.merged) {
      mergers.push({ unit: entry.unit, into: unit, on: entry.on, p: entry.p });
      if (!seen.has(entry.unit)) {
        seen.add(entry.unit);
        queue.push(entry.unit);
      }
    }
  }
  return mergers;
};

/**
 * `unitId` and the units merged into it by `until`, from mergers (as `mergersInto` gives them): a
 * merger counts when its effective date is on or before `until`, and a unit merged into a merged
 * unit counts when both mergers do. Cycle-safe: each unit is visited once.
 */
export const lineageAt = (unitId: string, mergers: readonly Merger[], until: string): Lineage => {
  const effective = mergers.filter((merger) => merger.on <= until);
  const units = [unitId];
  const used: Merger[] = [];
  const seen = new Set(units);
  for (let i = 0; i < units.length; i++) {
    const into = units[i] as string;
    for (const merger of effective) {
      if (merger.into !== into) continue;
      used.push(merger);
      if (!seen.has(merger.unit)) {
        seen.add(merger.unit);
        units.push(merger.unit);
      }
    }
  }
  return { unit: unitId, units, mergers: used.sort(byDateThenUnit) };
};

/** The unit and every unit merged into it by `until` (a period's last day), with the mergers' events. */
export const lineageOf = async <D>(documents: DocumentQuery<D>, tenantId: string, unitId: string, until: string): Promise<Lineage> =>
  lineageAt(unitId, await mergersInto(documents, tenantId, unitId), until);

/** A unit's lineage, the counts of each of its units that has some, and their sum. */
export interface LineageCounts<C> {
  readonly lineage: Lineage;
  /** The units with counts, the unit first, each with its own. */
  readonly byUnit: readonly (readonly [unit: string, counts: C])[];
  readonly counts: C;
}

/**
 * The counts of a unit and of the units merged into it by `until`, each read with `countsOf` and summed
 * with `sum` (docs/domain/org-chart.md §2); undefined when none of them has any.
 */
export const lineageCounts = async <D, C>(
  documents: DocumentQuery<D>,
  tenantId: string,
  unitId: string,
  until: string,
  countsOf: (unit: string) => Promise<C | undefined>,
  sum: (parts: readonly C[]) => C | undefined,
): Promise<LineageCounts<C> | undefined> => {
  const lineage = await lineageOf(documents, tenantId, unitId, until);
  const byUnit: (readonly [string, C])[] = [];
  for (const unit of lineage.units) {
    const counts = await countsOf(unit);
    if (counts !== undefined) byUnit.push([unit, counts]);
  }
  const counts = byUnit.length === 0 ? undefined : sum(byUnit.map(([, unitCounts]) => unitCounts));
  return counts === undefined ? undefined : { lineage, byUnit, counts };
};

/**
 * A page of a read model's lineage figure keys, `<figurePrefix><unit>/…` (`figurePrefix` e.g.
 * `<tenant>/sipas/lineage/`), listed for the units another unit was merged into: `keysOf(unit)` gives
 * a unit's keys, in any order. Reads the lineage documents from the unit of `after` on, and stops at
 * `limit` keys; `next` is set only on a full page.
 */
export const lineageKeyPage = async <D>(
  documents: DocumentQuery<D>,
  query: ListQuery,
  tenantId: string,
  figurePrefix: string,
  keysOf: (unitId: string) => Promise<readonly string[]>,
): Promise<KeyPage> => {
  const { prefix, after, limit } = query;
  if (limit <= 0 || !TenantId.is(tenantId) || !(figurePrefix.startsWith(prefix) || prefix.startsWith(figurePrefix))) return { keys: [] };
  if (after !== undefined && after >= figurePrefix && !after.startsWith(figurePrefix)) return { keys: [] };
  const root = documentPrefix(tenantId, LINEAGE_ROOT);
  // `<unit>/` orders documents and figure keys alike: a narrower prefix or `after` names where to start.
  const narrow = prefix.startsWith(figurePrefix) ? prefix.slice(figurePrefix.length) : '';
  const fromUnit = after?.startsWith(figurePrefix) === true ? after.slice(figurePrefix.length).split('/')[0] : undefined;
  const keys: string[] = [];
  let listAfter = fromUnit === undefined ? undefined : `${root}${fromUnit}/`;
  for (;;) {
    const page = await documents.list({ prefix: root + (narrow.includes('/') ? narrow.slice(0, narrow.indexOf('/') + 1) : narrow), limit: 64, ...(listAfter === undefined ? {} : { after: listAfter }) });
    for (const [key, document] of page.documents) {
      if (!isLineageDocument(document)) continue;
      const unit = idOfKeyPart(key.slice(root.length).split('/')[0] as string);
      for (const figure of [...(await keysOf(unit))].sort()) {
        if (figure.startsWith(prefix) && (after === undefined || figure > after)) keys.push(figure);
      }
      if (keys.length >= limit) {
        const full = keys.slice(0, limit);
        return { keys: full, next: full[full.length - 1] as string };
      }
    }
    if (page.next === undefined) return { keys };
    listAfter = page.next;
  }
};
