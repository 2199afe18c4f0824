import { escapeControlCharacters } from '@motcua/core';

/**
 * Lines for a terminal, each ended by a line break and escaped: a text read from an audit bundle, an
 * export or the log is untrusted, and a control character in it (an escape sequence, a carriage
 * return, a bidirectional override) would move the cursor and write over, or reorder, what is printed
 * (docs/audit.md, "What `motcua audit verify` checks"). A line break inside a line is shown as `\n`, never made.
 */
export const terminalLines = (lines: readonly string[]): string => lines.map((line) => `${escapeControlCharacters(line)}\n`).join('');
