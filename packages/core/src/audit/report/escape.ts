/**
 * Escaping for reports: every text that reaches a report may come from an event (an id, a reason
 * typed at a desk), so it is untrusted and never read as markup.
 */

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML[c] as string);

/**
 * Text inside one line of Markdown, after the writer's own prefix (a heading's `#`, a list's `-`, a
 * label): every character CommonMark or GFM reads as inline markup is backslash-escaped, `<` (no raw
 * HTML, no autolink) and `|` (no cell break) included, and line breaks become spaces, so the text can
 * neither start a block nor leave its line. Dates and dots stay readable.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`);
