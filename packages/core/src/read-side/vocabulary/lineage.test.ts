import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../kernel/envelope.js';
import { at, dissolved } from '../../org/org.testkit.js';
import { unitStreamId } from '../../org/state.js';
import { defineProjection } from '../engine/document-projection.js';
import { documentQuery } from '../engine/document-store.js';
import { foldIntoStore } from '../read-model.testkit.js';
import { lineageAt, lineageHandler, lineageKeyPage, lineageOf, mergersInto, type LineageDocument } from './lineage.js';

const TENANT = 'thai-nguyen';
const projection = defineProjection<LineageDocument>({ name: 'lineage-test', version: 1, handlers: { UnitDissolved: lineageHandler<LineageDocument>() } });

interface Dissolution {
  readonly code: string;
  readonly successorCode: string;
  readonly effectiveDate: string;
}

/** Each dissolution on its own unit stream, in the order given, numbered from 1. */
const logOf = (dissolutions: readonly Dissolution[]): RecordedEvent[] =>
  dissolutions.map((d, i) => {
    const event = dissolved({ ...d, occurredAt: at('2025-06-20'), reason: 'units merged' });
    return {
      ...event,
      metadata: {
        eventId: `e-${i + 1}`,
        streamId: unitStreamId(TENANT, d.code),
        streamVersion: 1,
        globalPosition: i + 1,
        recordedAt: event.data.occurredAt,
        occurredAt: event.data.occurredAt,
        actor: { id: 'director-thai-nguyen', role: 'director' },
        tenantId: TENANT,
        correlationId: `c-${i + 1}`,
        causationId: `c-${i + 1}`,
      },
    } as RecordedEvent;
  });

const documentsOf = (dissolutions: readonly Dissolution[]) => documentQuery<LineageDocument>(foldIntoStore(projection, logOf(dissolutions)), projection.name);

// The 2025 reform in the demo province, and a commune merged away in 2020 whose successor merges again.
const REFORM: Dissolution[] = [
  { code: 'tn-phuong-trung-vuong', successorCode: 'tn-phuong-phan-dinh-phung', effectiveDate: '2025-07-01' },
  { code: 'tn-phuong-hoang-van-thu', successorCode: 'tn-phuong-phan-dinh-phung', effectiveDate: '2025-07-01' },
  { code: 'bk-xa-nong-ha', successorCode: 'tn-phuong-hoang-van-thu', effectiveDate: '2020-02-01' },
];

describe('lineage: the units merged into a unit by a date (docs/domain/org-chart.md §2)', () => {
  it('the successor of the 2025 mergers has the two wards from 1 July 2025, and the commune merged into one of them in 2020', async () => {
    const documents = documentsOf(REFORM);
    expect((await lineageOf(documents, TENANT, 'tn-phuong-phan-dinh-phung', '2025-06-30')).units).toEqual(['tn-phuong-phan-dinh-phung']);
    const q3 = await lineageOf(documents, TENANT, 'tn-phuong-phan-dinh-phung', '2025-09-30');
    expect(q3.units).toEqual(['tn-phuong-phan-dinh-phung', 'tn-phuong-hoang-van-thu', 'tn-phuong-trung-vuong', 'bk-xa-nong-ha']);
    expect(q3.mergers.map(({ unit, into, on, p }) => `${unit}>${into}@${on}#${p}`)).toEqual([
      'bk-xa-nong-ha>tn-phuong-hoang-van-thu@2020-02-01#3',
      'tn-phuong-hoang-van-thu>tn-phuong-phan-dinh-phung@2025-07-01#2',
      'tn-phuong-trung-vuong>tn-phuong-phan-dinh-phung@2025-07-01#1',
    ]);
    // A dissolved unit keeps its own lineage; a unit nothing was merged into is its own.
    expect((await lineageOf(documents, TENANT, 'tn-phuong-hoang-van-thu', '2022-12-31')).units).toEqual(['tn-phuong-hoang-van-thu', 'bk-xa-nong-ha']);
    expect(await lineageOf(documents, TENANT, 'tn-xa-dai-phuc', '2025-12-31')).toEqual({ unit: 'tn-xa-dai-phuc', units: ['tn-xa-dai-phuc'], mergers: [] });
  });

  it('a loop in bad data is followed once', async () => {
    const documents = documentsOf([
      { code: 'unit-a', successorCode: 'unit-b', effectiveDate: '2025-01-01' },
      { code: 'unit-b', successorCode: 'unit-a', effectiveDate: '2025-02-01' },
    ]);
    expect((await lineageOf(documents, TENANT, 'unit-a', '2025-12-31')).units).toEqual(['unit-a', 'unit-b']);
    expect(await mergersInto(documents, TENANT, 'unit-a')).toHaveLength(2);
  });

  it('lists the units another was merged into, a page at a time, from the unit of `after` on', async () => {
    const documents = documentsOf(REFORM);
    const keysOf = (unit: string) => Promise.resolve([`${TENANT}/m/lineage/${unit}/x`, `${TENANT}/m/lineage/${unit}/y`]);
    const page = (after?: string) => lineageKeyPage(documents, { prefix: `${TENANT}/m/`, limit: 3, ...(after === undefined ? {} : { after }) }, TENANT, `${TENANT}/m/lineage/`, keysOf);
    const first = await page();
    expect(first).toEqual({ keys: [`${TENANT}/m/lineage/tn-phuong-hoang-van-thu/x`, `${TENANT}/m/lineage/tn-phuong-hoang-van-thu/y`, `${TENANT}/m/lineage/tn-phuong-phan-dinh-phung/x`], next: `${TENANT}/m/lineage/tn-phuong-phan-dinh-phung/x` });
    expect(await page(first.next)).toEqual({ keys: [`${TENANT}/m/lineage/tn-phuong-phan-dinh-phung/y`] });
    expect(await page(`${TENANT}/m/m`)).toEqual({ keys: [] });
  });

  const units = ['u0', 'u1', 'u2', 'u3', 'u4'];
  const dissolutions = fc.uniqueArray(
    fc.record({ code: fc.constantFrom(...units), successorCode: fc.constantFrom(...units), effectiveDate: fc.constantFrom('2025-03-01', '2025-07-01', '2025-10-01', '2026-01-01') }),
    { selector: (d) => d.code, maxLength: 5 },
  ).map((list) => list.filter((d) => d.code !== d.successorCode));

  /** Units reachable from `unit` along mergers effective by `until`: the reference the documents must give. */
  const reachable = (list: readonly Dissolution[], unit: string, until: string): string[] => {
    const found = new Set([unit]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of list) {
        if (d.effectiveDate <= until && found.has(d.successorCode) && !found.has(d.code)) {
          found.add(d.code);
          grew = true;
        }
      }
    }
    return [...found].sort();
  };

  it('in any order of the mergers, a unit has the units reachable along mergers effective by the date', async () => {
    await fc.assert(
      fc.asyncProperty(dissolutions, fc.array(fc.nat()), fc.constantFrom(...units), fc.constantFrom('2025-06-30', '2025-09-30', '2025-12-31', '2026-12-31'), async (list, shuffle, unit, until) => {
        const order = [...list].map((d, i) => ({ d, key: shuffle[i] ?? 0 })).sort((a, b) => a.key - b.key).map(({ d }) => d);
        const lineage = await lineageOf(documentsOf(order), TENANT, unit, until);
        expect([...lineage.units].sort()).toEqual(reachable(list, unit, until));
        // Every merger named brings in a unit of the lineage, into a unit of the lineage.
        for (const merger of lineage.mergers) expect(lineage.units).toContain(merger.unit);
        expect(lineage).toEqual(lineageAt(unit, await mergersInto(documentsOf(order), TENANT, unit), until));
      }),
      { numRuns: 100 },
    );
  });
});
