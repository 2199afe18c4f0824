import { describe, expect, it } from 'vitest';
import { isEventStoreDbUrl, parseEventStoreDbUrl } from './store-url.js';

describe('EventStoreDB store URLs', () => {
  it('esdb:// passes to the client as given, with motcua\'s namespace taken out', () => {
    expect(parseEventStoreDbUrl('esdb://127.0.0.1:2113?tls=false&namespace=motcua_hn')).toEqual({
      connectionString: 'esdb://127.0.0.1:2113?tls=false',
      namespace: 'motcua_hn',
      display: 'esdb://127.0.0.1:2113?tls=false (namespace motcua_hn)',
    });
    expect(parseEventStoreDbUrl('esdb+discover://a:2113,b:2113,c:2113')).toMatchObject({ connectionString: 'esdb+discover://a:2113,b:2113,c:2113', namespace: 'motcua' });
  });

  it('kurrentdb:// names the same servers to client 6 as esdb://', () => {
    expect(parseEventStoreDbUrl('kurrentdb://admin:changeit@node1:2113?tls=true').connectionString).toBe('esdb://admin:changeit@node1:2113?tls=true');
    expect(parseEventStoreDbUrl('kurrentdb+discover://cluster.example:2113').connectionString).toBe('esdb+discover://cluster.example:2113');
  });

  it('a password never shows in what is displayed or in an error', () => {
    expect(parseEventStoreDbUrl('esdb://admin:s3cret@node1:2113').display).not.toContain('s3cret');
    expect(() => parseEventStoreDbUrl('esdb://admin:s3cret@node1:2113?namespace=bad-name')).toThrow(/namespace/);
    try {
      parseEventStoreDbUrl('esdb://admin:s3cret@node1:2113?namespace=bad-name');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });

  it('other schemes and URLs without a host are refused, saying what was expected', () => {
    expect(isEventStoreDbUrl('postgres://x/y')).toBe(false);
    expect(() => parseEventStoreDbUrl('postgres://x/y')).toThrow(/esdb:\/\/host:2113/);
    expect(() => parseEventStoreDbUrl('esdb://')).toThrow(/no host/);
  });

  it('a parameter of a fixed set of values given another is refused, naming the values accepted', () => {
    expect(() => parseEventStoreDbUrl('esdb://admin:s3cret@localhost:2113?tls=maybe')).toThrow(
      new TypeError('tls=maybe in "esdb://admin:***@localhost:2113?tls=maybe" is not one of true, false'),
    );
    expect(() => parseEventStoreDbUrl('esdb://localhost:2113?tlsVerifyCert=TRUE')).toThrow(/tlsVerifyCert=TRUE .* is not one of true, false/);
    expect(() => parseEventStoreDbUrl('esdb://localhost:2113?nodePreference=nearest')).toThrow(/is not one of leader, follower, random, readonlyreplica/);
    expect(parseEventStoreDbUrl('esdb://localhost:2113?tls=false&node_preference=Read_Only_Replica').connectionString).toContain('tls=false');
  });
});
