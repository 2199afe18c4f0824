import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';

export type ReadOnlyPaths = { readonly restore: () => void } | { readonly unavailable: string };

const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * Makes `paths` (folders and files) read-only for this process, and gives them back writable. File
 * modes bind every user but root; for root, the paths are made immutable (`chattr +i`), which binds
 * root too. `unavailable` says why neither works here (root on a file system without the attribute,
 * or without the capability to set it), for the test to print when it skips.
 */
export const makeReadOnly = (paths: readonly string[]): ReadOnlyPaths => {
  if (!isRoot()) {
    const folders = new Set(paths.filter((path) => statSync(path).isDirectory()));
    for (const path of paths) chmodSync(path, folders.has(path) ? 0o555 : 0o444);
    return { restore: () => paths.forEach((path) => chmodSync(path, folders.has(path) ? 0o755 : 0o644)) };
  }
  const done: string[] = [];
  const undo = () => done.forEach((path) => execFileSync('chattr', ['-i', path]));
  try {
    for (const path of paths) {
      execFileSync('chattr', ['+i', path], { stdio: 'pipe' });
      done.push(path);
    }
  } catch (error) {
    undo();
    return { unavailable: `running as root, where file modes do not bind, and chattr +i failed: ${(error as Error).message.split('\n')[0]}` };
  }
  return { restore: undo };
};
