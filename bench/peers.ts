// A private, installed copy of ../shared/peers: that folder is read-only, and run-all.sh installs
// node_modules into its peer folders. The copy is cached by a hash of the peer files, so the native
// builds (~2 min each) happen once per version of the peers.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const sharedPeersDir = fileURLToPath(new URL('../../shared/peers/', import.meta.url));

const peerFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name !== 'node_modules')
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? peerFiles(path) : [path];
    });

/** Hash of every peer file (path and content), node_modules excluded. */
export const peersHash = (dir = sharedPeersDir): string => {
  const hash = createHash('sha256');
  for (const file of peerFiles(dir)) hash.update(`${relative(dir, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
};

const cacheRoot = () => process.env.MOTCUA_PEERS_CACHE ?? join(homedir(), '.cache', 'motcua-peers');

/**
 * Returns a writable copy of the peers with their node_modules installed, making it when needed. Only a
 * completely installed copy is moved into place, so an interrupted install is redone next time.
 */
export const preparePeers = (log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string => {
  if (!existsSync(join(sharedPeersDir, 'run-all.sh'))) {
    throw new Error(`the peer benchmarks are missing: expected ${sharedPeersDir} (shared/ checked out beside the repo)`);
  }
  const target = join(cacheRoot(), peersHash());
  if (existsSync(join(target, 'run-all.sh'))) return target;
  const staging = `${target}.tmp-${process.pid}`;
  mkdirSync(cacheRoot(), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  cpSync(sharedPeersDir, staging, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('node_modules') });
  spawnSync('chmod', ['-R', 'u+w', staging]);
  for (const peer of readdirSync(staging)) {
    const dir = join(staging, peer);
    if (!existsSync(join(dir, 'package.json'))) continue;
    log(`installing peer ${peer} into ${dir} (native modules build from source, ~2 min each)...`);
    const args = existsSync(join(dir, 'package-lock.json')) ? ['ci'] : ['install'];
    const npm = spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
    if (npm.status !== 0) throw new Error(`npm ${args[0]} failed in ${dir} (exit ${npm.status}); the copy is left in ${staging}`);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  return target;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(preparePeers());
}
