import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throwaway PostgreSQL cluster on loopback for the test run: initdb into a temporary directory,
 * start on a free port with its socket in that directory, stop with `pg_ctl stop -m fast`.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
export interface PostgresCluster {
  /** Connection string of the `postgres` database, as superuser `postgres` (trust authentication). */
  readonly url: string;
  readonly stop: () => Promise<void>;
}

const run = promisify(execFile);

/** Where the server binaries are: `MOTCUA_PG_BIN`, else Debian's PostgreSQL 15. */
export const postgresBinDir = (): string => process.env.MOTCUA_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why no cluster can be started here, or undefined when one can. */
export const postgresUnavailableReason = (): string | undefined => {
  const bin = postgresBinDir();
  if (!existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) {
    return `no PostgreSQL server binaries in ${bin} (install postgresql-15: scripts/ensure-postgres.sh, or set MOTCUA_PG_URL)`;
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) {
    return 'running as root without runuser: initdb must run as the postgres user';
  }
  return undefined;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const postgresIds = async (): Promise<{ uid: number; gid: number }> => {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

export const startPostgresCluster = async (): Promise<PostgresCluster> => {
  const bin = postgresBinDir();
  const isRoot = process.getuid?.() === 0;
  const directory = mkdtempSync(join(tmpdir(), 'motcua-pg-'));
  if (isRoot) {
    const { uid, gid } = await postgresIds();
    chownSync(directory, uid, gid);
  }
  const asOwner = (tool: string, args: string[]) =>
    isRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  const data = join(directory, 'data');
  const pgCtl = (args: string[]) => asOwner('pg_ctl', ['-D', data, ...args]);
  await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
    try {
      await pgCtl(['-o', settings, '-l', join(directory, 'log'), '-w', 'start']);
    } catch (error) {
      if (attempt < 3) continue;
      throw new Error(`PostgreSQL did not start (log in ${directory}/log): ${(error as Error).message}`);
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await pgCtl(['stop', '-m', 'fast', '-w']);
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
};
