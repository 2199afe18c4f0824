import { afterAll, describe, expect, it } from 'vitest';
import { DeadlineExceededError, UnavailableError, UnknownError } from '@eventstore/db-client';
import { clientConnectionString, connectWire } from './client.js';

// No server: the client connects lazily, and classifying an error makes no call.
describe('the client module', () => {
  const wire = connectWire('esdb://127.0.0.1:1?tls=false');
  afterAll(() => wire.close());
  const grpcError = (code: number, message: string) => ({ code, message, details: message }) as never;

  it('names the failures the client asks to retry, and a reset connection as unavailable', () => {
    expect(wire.classify(new UnavailableError(grpcError(14, '14 UNAVAILABLE: No connection established')))).toBe('unavailable');
    expect(wire.classify(new DeadlineExceededError(grpcError(4, '4 DEADLINE_EXCEEDED')))).toBe('deadline');
    expect(wire.classify(new UnknownError(grpcError(13, '13 INTERNAL: Received RST_STREAM with code 2 triggered by internal client error: Session closed with error code 2')))).toBe('unavailable');
    expect(wire.classify(new UnknownError(grpcError(13, '13 INTERNAL: the server failed')))).toBe('other');
    expect(wire.classify(new TypeError('a bug'))).toBe('other');
  });

  it('hands kurrentdb:// URLs to client 6 as esdb://', () => {
    expect(clientConnectionString('kurrentdb://n1:2113')).toBe('esdb://n1:2113');
    expect(clientConnectionString('KurrentDB+discover://n1:2113')).toBe('esdb+discover://n1:2113');
    expect(clientConnectionString('esdb://n1:2113')).toBe('esdb://n1:2113');
  });
});
