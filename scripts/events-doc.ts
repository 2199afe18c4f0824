import { toJsonSchema, type JsonSchema, type StreamDescription } from '@motcua/core';

/** Renders `docs/events.md` from the codecs: the catalogue can never drift from what is decoded. */
export const renderEventsDoc = (streams: readonly StreamDescription[]): string => {
  const lines: string[] = [
    '# Events catalogue',
    '',
    '<!-- Generated from the io-ts codecs by `pnpm docs:events`. Do not edit by hand: a test fails when this file is out of date. -->',
    '',
    'Every event is stored as `{ type, data, metadata }`. The metadata is the same for all events: `eventId`, `streamId`,',
    '`streamVersion` (1-based), `globalPosition`, `occurredAt` (business time), `recordedAt`, `actor` (`id`, `role`),',
    '`tenantId`, `correlationId`, `causationId`, `ruleSetVersion` and, for idempotent commands, `idempotencyKey` and',
    '`commandHash`. The tables below list each event\'s `data` fields. Types: `Instant` is an ISO-8601 date-time with',
    'offset, `LocalDate` a `YYYY-MM-DD` day in Vietnam, `Dong` a whole number of đồng.',
    '',
  ];
  for (const stream of streams) {
    lines.push(`- [${stream.title}](#${anchor(stream.title)}): ${stream.members.size} events, stream id \`${stream.streamIdPattern}\``);
  }
  for (const stream of streams) {
    lines.push('', `## ${stream.title}`, '', stream.description, '', `Stream id: \`${stream.streamIdPattern}\`.`);
    for (const [type, codec] of stream.members) {
      const schema = toJsonSchema(codec) as { properties?: { data?: JsonSchema } };
      lines.push('', `### ${type}`, '', '| field | type | required |', '| --- | --- | --- |');
      for (const row of fieldRows(schema.properties?.data ?? {}, '')) lines.push(row);
    }
  }
  return `${lines.join('\n')}\n`;
};

// GitHub's heading anchors: lower case, punctuation dropped (letters of any script kept), spaces as hyphens.
const anchor = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');

const fieldRows = (schema: JsonSchema, prefix: string): string[] => {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  const rows: string[] = [];
  for (const [name, field] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    rows.push(`| \`${path}\` | ${describeType(field)} | ${required.has(name) ? 'yes' : 'no'} |`);
    if (field['type'] === 'object') rows.push(...fieldRows(field, `${path}.`));
    const items = field['items'] as JsonSchema | undefined;
    if (field['type'] === 'array' && items?.['type'] === 'object') rows.push(...fieldRows(items, `${path}[].`));
  }
  return rows;
};

const describeType = (schema: JsonSchema): string => {
  if (schema['const'] !== undefined) return `\`${JSON.stringify(schema['const'])}\``;
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map((v) => `\`${String(v)}\``).join(' \\| ');
  if (Array.isArray(schema['oneOf'])) return (schema['oneOf'] as JsonSchema[]).map(describeType).join(' or ');
  const description = schema['description'] as string | undefined;
  if (description !== undefined) return description.replace(/\|/g, '\\|');
  if (schema['type'] === 'array') return `list of ${describeType((schema['items'] ?? {}) as JsonSchema)}`;
  if (schema['type'] === 'object' && schema['additionalProperties'] !== undefined) {
    return `map to ${describeType(schema['additionalProperties'] as JsonSchema)}`;
  }
  return String(schema['type'] ?? 'any');
};
