import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh path for a database file in a temporary directory, removed after the test file. */
export const tempFiles = () => {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });
  return (name = 'events.db'): string => {
    const directory = mkdtempSync(join(tmpdir(), 'motcua-store-sqlite-'));
    directories.push(directory);
    return join(directory, name);
  };
};

export { counted } from '../../core/src/kernel/counted-event.testkit.js';
