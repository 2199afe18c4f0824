import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { STREAMS } from '@motcua/core';
import { renderEventsDoc } from './events-doc.js';

describe('docs/events.md', () => {
  it('is up to date with the event codecs (regenerate with `pnpm docs:events`)', () => {
    const committed = readFileSync(new URL('../docs/events.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderEventsDoc(STREAMS));
  });

  it('lists every event type of every stream', () => {
    const doc = renderEventsDoc(STREAMS);
    for (const stream of STREAMS) for (const type of stream.members.keys()) expect(doc).toContain(`### ${type}\n`);
  });
});
