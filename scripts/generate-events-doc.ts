import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STREAMS } from '@motcua/core';
import { renderEventsDoc } from './events-doc.js';

// `pnpm docs:events` writes docs/events.md; with `--check` it fails when the file is out of date.
const target = fileURLToPath(new URL('../docs/events.md', import.meta.url));
const rendered = renderEventsDoc(STREAMS);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== rendered) {
    console.error('docs/events.md is out of date with the event codecs: run `pnpm docs:events` and commit it.');
    process.exit(1);
  }
  console.log('docs/events.md is up to date');
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${target}`);
}
