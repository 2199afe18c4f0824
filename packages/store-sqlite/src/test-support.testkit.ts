import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { NewEvent } from '@motcua/core';

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

export const counted = (n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  type: 'Counted',
  data: { n, ...extra },
  metadata: {
    occurredAt: '2026-03-02T09:00:00+07:00',
    actor: { id: 'officer-1', role: 'receptionist' },
    tenantId: 'province-01',
    correlationId: `corr-${n}`,
    causationId: `cause-${n}`,
  },
});
