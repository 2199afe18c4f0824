import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRight } from '../fp.js';
import { parseProvinceStreamId, provinceStreamId, TenantId, upgradedStreamId } from './tenant.js';

const tenantChars = [...'abcdefghijklmnopqrstuvwxyz0123456789-'];
const tenantId = fc
  .tuple(fc.constantFrom(...tenantChars.slice(0, 36)), fc.array(fc.constantFrom(...tenantChars), { maxLength: 62 }))
  .map(([first, rest]) => first + rest.join(''));
const kind = fc.constantFrom('dossier', 'officer', 'incident', 'feedback', 'unit');
// Ids are free text: `-` and `:` included, as dossier codes and officer ids may hold them.
const id = fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'ab:-.9Hđ/') });

describe('TenantId', () => {
  it.each(['demo-thai-nguyen', 'bac-ninh', '0', 'a'.repeat(63)])('accepts %s', (value) => {
    expect(isRight(TenantId.decode(value))).toBe(true);
  });

  it.each(['', '-thai', 'Thai-Nguyen', 'a:b', 'a/b', 'a b', 'a'.repeat(64), 'thái'])('refuses %j', (value) => {
    expect(isRight(TenantId.decode(value))).toBe(false);
  });
});

describe('provinceStreamId', () => {
  it('names the kind, the province and the id', () => {
    expect(provinceStreamId('dossier', 'demo-thai-nguyen', '000.00.15.H55-260623-9001')).toBe(
      'dossier-demo-thai-nguyen:000.00.15.H55-260623-9001',
    );
  });

  it('law: parsing gives back the kind, the province and the id', () => {
    fc.assert(
      fc.property(kind, tenantId, id, (k, tenant, i) => {
        expect(parseProvinceStreamId(provinceStreamId(k, tenant, i))).toEqual({ kind: k, tenantId: tenant, id: i });
      }),
    );
  });

  it('law: two different (province, id) pairs never give the same stream id', () => {
    fc.assert(
      fc.property(kind, tenantId, id, tenantId, id, (k, tenantA, idA, tenantB, idB) => {
        fc.pre(tenantA !== tenantB || idA !== idB);
        expect(provinceStreamId(k, tenantA, idA)).not.toBe(provinceStreamId(k, tenantB, idB));
      }),
    );
  });

  it('refuses a province id of the wrong shape rather than build an ambiguous stream id', () => {
    expect(() => provinceStreamId('dossier', 'a:b', 'c')).toThrow(/not a province id/);
  });

  it.each(['dossier-000.00.15.H55-260623-9001', 'dossier', 'dossier-Thai:x', 'dossier-thai:', '-thai:x', 'Dossier-thai:x'])(
    'parses %j as no province-qualified stream id',
    (streamId) => {
      expect(parseProvinceStreamId(streamId)).toBeUndefined();
    },
  );
});

describe('upgradedStreamId', () => {
  it('Given a stream id written before provinces, When upgraded with its events\' province, Then it is that province\'s id', () => {
    expect(upgradedStreamId('dossier-000.00.15.H55-260623-9001', 'demo-thai-nguyen')).toBe(
      'dossier-demo-thai-nguyen:000.00.15.H55-260623-9001',
    );
  });

  it('law: the upgrade of `<kind>-<id>` is provinceStreamId(kind, province, id)', () => {
    fc.assert(
      fc.property(kind, tenantId, id, (k, tenant, i) => {
        expect(upgradedStreamId(`${k}-${i}`, tenant)).toBe(provinceStreamId(k, tenant, i));
      }),
    );
  });

  it.each([
    ['counter', 'thai'],
    ['dossier-x', 'Thai'],
    ['dossier-x', 42],
    ['dossier-', 'thai'],
    ['Dossier-x', 'thai'],
  ])('leaves %j of province %j without an upgrade', (legacy, tenant) => {
    expect(upgradedStreamId(legacy, tenant)).toBeUndefined();
  });
});
