import { TenantId } from '../../../kernel/tenant.js';
import type { DocumentQuery } from '../../engine/document-store.js';
import type { FigureKeySource } from '../../vocabulary/figure-keys.js';
import { documentKey, documentPrefix, idOfKeyPart, keyPart } from '../../vocabulary/document-key.js';
import { datedDocumentsIn } from '../../vocabulary/listing.js';
import { parsePeriod, type Period } from '../../vocabulary/period.js';

/**
 * What the conduct read models (incident register, feedback compliance, praise) share: figure keys
 * `<tenant>/<model>/<period>/<dimension>/<value>/<measure>[@<asOf>]`, counter documents per group
 * `<tenant>/group/<period>/<dimension>/<value>/counts` kept at every listed grain (so a figure of any
 * period reads one document, and listing keys reads documents a page at a time), and documents per
 * day (`<tenant>/<family>/<YYYY-MM-DD>`) holding what lies behind the figures, read for explanations.
 * Periods are the read side's vocabulary (`vocabulary/period.ts`): the Vietnamese calendar day of the fact.
 */

const GROUP = 'group';
const COUNTS = 'counts';

/** The counter document of one (period, dimension, value) group. */
export const groupKey = (tenantId: string, period: string, dimension: string, value: string): string =>
  // Built by hand (it is built for every group an event counts in): the period and dimension are the
  // read model's own words and the value is escaped, so only the value can be an empty part.
  value.length === 0 ? documentKey(tenantId, GROUP, period, dimension, value, COUNTS) : `${tenantId}/${GROUP}/${period}/${dimension}/${keyPart(value)}/${COUNTS}`;

/** A parsed figure key. The value may itself hold `/` (it is everything between dimension and measure). */
export interface FigureKey {
  readonly tenantId: string;
  readonly period: Period;
  readonly dimension: string;
  readonly value: string;
  readonly measure: string;
  readonly asOf?: string;
}

export const figureKey = (model: string, key: Omit<FigureKey, 'period'> & { readonly period: string }): string =>
  `${key.tenantId}/${model}/${key.period}/${key.dimension}/${key.value}/${key.measure}${key.asOf === undefined ? '' : `@${key.asOf}`}`;

export const parseFigureKey = (model: string, key: string): FigureKey | undefined => {
  const slash = key.indexOf('/');
  const tenantId = key.slice(0, slash);
  if (slash <= 0 || !TenantId.is(tenantId) || !key.startsWith(`${tenantId}/${model}/`)) return undefined;
  const parts = key.slice(tenantId.length + model.length + 2).split('/');
  if (parts.length < 4) return undefined;
  const period = parsePeriod(parts[0] as string);
  const [measure, asOf, ...rest] = (parts.at(-1) as string).split('@');
  if (period === undefined || rest.length > 0 || measure === undefined || (asOf !== undefined && Number.isNaN(Date.parse(asOf)))) return undefined;
  return { tenantId, period, dimension: parts[1] as string, value: parts.slice(2, -1).join('/'), measure, ...(asOf === undefined ? {} : { asOf }) };
};

/** The (period, dimension, value) of a group document's key. */
const groupOfDocument = (key: string): { readonly period: string; readonly dimension: string; readonly value: string } | undefined => {
  const parts = key.split('/');
  if (parts.length !== 6 || parts[1] !== GROUP || parts[5] !== COUNTS) return undefined;
  return { period: parts[2] as string, dimension: parts[3] as string, value: idOfKeyPart(parts[4] as string) };
};

/**
 * Where figure keys come from: the group documents, each giving `<group>/<measure>` for the measures
 * `measuresOf` names. The key `<group>/counts` compares with another as `<group>/<measure>` does, so
 * group documents list in the order of their figure keys; a figure key holds the value whole, its
 * group document escaped (`keyPart`).
 */
export const groupFigureKeys = <D>(
  tenantId: string,
  model: string,
  measuresOf: (document: D, group: { readonly period: string; readonly dimension: string; readonly value: string }) => readonly string[],
): FigureKeySource<D> => ({
  figurePrefix: `${tenantId}/${model}/`,
  documentPrefix: documentPrefix(tenantId, GROUP),
  groupParts: 3,
  groupOf: (parts, whole) => {
    if (whole) {
      const parsed = parseFigureKey(model, `${tenantId}/${model}/${parts.join('/')}`);
      return parsed === undefined ? '' : `${parsed.period.key}/${parsed.dimension}/${keyPart(parsed.value)}`;
    }
    return parts.length >= 3 ? `${parts[0]}/${parts[1]}/${keyPart(parts[2] as string)}` : parts.join('/');
  },
  expand: (_group, documents) =>
    documents.flatMap(([key, document]) => {
      const group = groupOfDocument(key);
      return group === undefined ? [] : measuresOf(document, group).map((measure) => `${tenantId}/${model}/${group.period}/${group.dimension}/${group.value}/${measure}`);
    }),
});

/** The day documents of one family (`<tenant>/<family>/<day>`) whose day is in `period`, in day order. */
export const dayDocuments = <D>(documents: DocumentQuery<D>, tenantId: string, family: string, period: Period): Promise<(readonly [day: string, document: D])[]> =>
  datedDocumentsIn(documents, documentPrefix(tenantId, family), period, 'day');

/** Distinct values in first-seen order. */
export const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** An own entry of a record (never one inherited from `Object.prototype`). */
export const ownEntry = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
