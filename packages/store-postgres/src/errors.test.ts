import { describe, expect, it } from 'vitest';
import { describePgError, PostgresStoreError } from './errors.js';

/** An error as Node gives it for a file it could not open. */
const fileError = (code: string, path: string) => Object.assign(new Error(`${code}: no such file or directory, open '${path}'`), { code, path });

describe('PostgreSQL errors', () => {
  it.each(['ENOENT', 'EACCES'])('a TLS file the connection string names that cannot be read (%s) is said so, and nothing was written', (code) => {
    const error = describePgError(fileError(code, '/etc/motcua/ca.crt'), 'motcua', 'appending to') as PostgresStoreError;
    expect(error).toBeInstanceOf(PostgresStoreError);
    expect(error.message).toMatch(/: cannot read a file the connection string names \(sslrootcert\/sslcert\/sslkey\) \(E[A-Z]+: .*\/etc\/motcua\/ca\.crt/);
    expect(error.message).toContain('; nothing was written');
    expect(error.outcomeUnknown).toBe(false);
  });

  it('a server that cannot be reached is still said so', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect((describePgError(refused, 'motcua', 'opening') as Error).message).toMatch(/the server could not be reached \(ECONNREFUSED/);
  });
});
