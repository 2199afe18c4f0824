import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeEventHash, GENESIS_HASH, verifyHashChain, type HashChainRow } from './hash-chain.js';
import { planStreamIdUpgrade } from './stream-id-upgrade.js';

/** A log as the stores wrote it before stream ids named the province: `<kind>-<id>`, hashed as such. */
const legacyLog = (events: readonly { streamId: string; tenantId: string }[]): HashChainRow[] => {
  let previousHash = GENESIS_HASH;
  const versions = new Map<string, number>();
  return events.map(({ streamId, tenantId }, index) => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    const content = {
      globalPosition: index + 1,
      streamId,
      streamVersion,
      type: 'Counted',
      dataJson: JSON.stringify({ n: index }),
      metadataJson: JSON.stringify({ eventId: `ev-${index}`, tenantId }),
    };
    const hash = computeEventHash(previousHash, content);
    const row = { ...content, previousHash, hash };
    previousHash = hash;
    return row;
  });
};

/** The upgrade as the stores run it: rows of a renamed stream keep the id they were hashed under. */
const upgrade = (rows: readonly HashChainRow[]): HashChainRow[] => {
  const renames = new Map(
    planStreamIdUpgrade(rows.map((row) => [row.streamId, (JSON.parse(row.metadataJson) as { tenantId: string }).tenantId])).map((r) => [r.from, r.to]),
  );
  return rows.map((row) => {
    const to = renames.get(row.streamId);
    return to === undefined ? row : { ...row, streamId: to, hashedStreamId: row.streamId };
  });
};

const streams = ['dossier-000.00.15.H55-260302-0001', 'dossier-000.00.15.H55-260302-0002', 'officer-lan', 'unit-tn-01'];
const tenants = ['thai-nguyen', 'bac-ninh'];
const legacyEvents = fc.array(fc.nat({ max: streams.length - 1 }), { minLength: 1, maxLength: 20 }).map((picks) =>
  picks.map((i) => ({ streamId: streams[i]!, tenantId: tenants[i % 2]! })),
);

describe('planStreamIdUpgrade', () => {
  it('Given streams written before provinces, Then each moves to its province\'s id', () => {
    expect(planStreamIdUpgrade([['dossier-000.00.15.H55-260302-0001', 'thai-nguyen'], ['unit-tn-01', 'bac-ninh']])).toEqual([
      { from: 'dossier-000.00.15.H55-260302-0001', to: 'dossier-thai-nguyen:000.00.15.H55-260302-0001' },
      { from: 'unit-tn-01', to: 'unit-bac-ninh:tn-01' },
    ]);
  });

  it('leaves a stream whose id or province is of another shape where it is', () => {
    expect(planStreamIdUpgrade([['counter', 'thai-nguyen'], ['dossier-1', 'Thai Nguyen'], ['dossier-2', undefined]])).toEqual([]);
  });

  it('refuses a stream holding events of two provinces, naming it', () => {
    expect(() => planStreamIdUpgrade([['dossier-1', 'thai-nguyen'], ['dossier-1', 'bac-ninh']])).toThrow(
      /stream dossier-1 holds events of more than one province \("thai-nguyen", "bac-ninh"\)/,
    );
  });

  it('refuses a rename onto a stream the log already holds', () => {
    expect(() => planStreamIdUpgrade([['dossier-x', 'a'], ['dossier-a:x', 'b']])).toThrow(/dossier-x would move to dossier-a:x, which the log already holds/);
  });
});

describe('verifyHashChain over an upgraded log', () => {
  it('law: a log upgraded by the plan still verifies, to the same last hash', async () => {
    await fc.assert(
      fc.asyncProperty(legacyEvents, async (events) => {
        const legacy = legacyLog(events);
        const upgraded = upgrade(legacy);
        expect(upgraded.every((row) => row.hashedStreamId !== undefined && row.streamId.includes(':'))).toBe(true);
        expect(await verifyHashChain(upgraded)).toEqual(await verifyHashChain(legacy));
      }),
    );
  });

  it('law: an upgraded event moved to any other stream fails as altered, at that event', async () => {
    await fc.assert(
      fc.asyncProperty(legacyEvents, fc.nat(), fc.constantFrom('dossier-ha-giang:000.00.15.H55-260302-0001', 'dossier-thai-nguyen:X', 'officer-lan'), async (events, at, elsewhere) => {
        const upgraded = upgrade(legacyLog(events));
        const index = at % upgraded.length;
        fc.pre(upgraded[index]!.streamId !== elsewhere);
        upgraded[index] = { ...upgraded[index]!, streamId: elsewhere };
        const report = await verifyHashChain(upgraded);
        expect(report).toMatchObject({ ok: false, problem: 'altered', globalPosition: index + 1 });
        expect(!report.ok && report.message).toMatch(/which the upgrade moves to .*, yet it is stored in /);
      }),
    );
  });

  it('Given an upgraded event whose recorded stream id was edited, Then its hash no longer matches', async () => {
    const upgraded = upgrade(legacyLog([{ streamId: 'dossier-1', tenantId: 'thai-nguyen' }, { streamId: 'dossier-1', tenantId: 'thai-nguyen' }]));
    upgraded[1] = { ...upgraded[1]!, hashedStreamId: 'dossier-2', streamId: 'dossier-thai-nguyen:2' };
    expect(await verifyHashChain(upgraded)).toMatchObject({ ok: false, problem: 'altered', globalPosition: 2 });
  });
});
