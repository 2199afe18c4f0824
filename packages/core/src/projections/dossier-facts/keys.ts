import { isGrain, isPeriod, periodOf, type Grain } from './periods.js';

/** A parsed `<root>/<dimension>/<id>/<grain>/<period>/<metric>` key; ids may not contain `/`. */
export interface ScopedKey<D extends string, M extends string> {
  readonly dimension: D;
  readonly id: string;
  readonly grain: Grain;
  readonly period: string;
  readonly metric: M;
}

export const scopedKey = (root: string, dimension: string, id: string, grain: Grain, period: string, metric: string): string =>
  `${root}/${dimension}/${id}/${grain}/${period}/${metric}`;

export const parseScopedKey = <D extends string, M extends string>(
  key: string,
  root: string,
  dimensions: readonly D[],
  metrics: readonly M[],
  grains?: readonly Grain[],
): ScopedKey<D, M> | undefined => {
  const parts = key.split('/');
  if (parts.length !== 6 || parts[0] !== root) return undefined;
  const [, dimension, id, grain, period, metric] = parts as [string, string, string, string, string, string];
  if (!(dimensions as readonly string[]).includes(dimension) || id.length === 0 || !isGrain(grain)) return undefined;
  if ((grains !== undefined && !grains.includes(grain)) || !isPeriod(grain, period) || !(metrics as readonly string[]).includes(metric)) return undefined;
  return { dimension: dimension as D, id, grain, period, metric: metric as M };
};

/** Whether a Vietnamese day lies in the period. */
export const inPeriod = (date: string | undefined, grain: Grain, period: string): boolean =>
  date !== undefined && periodOf(date, grain) === period;

/**
 * The entries of `table` keyed `<id>/<period>` for one id, as [period, value], in no particular order;
 * `grain` is the period's (`month`: `YYYY-MM`, `day`: `YYYY-MM-DD`), so an id that starts another id's
 * key (`a` and `a/b`) is not mistaken for it.
 */
export const entriesOfId = <V>(table: Readonly<Record<string, V>>, id: string, grain: 'month' | 'day'): [period: string, value: V][] => {
  const prefix = `${id}/`;
  const length = prefix.length + (grain === 'month' ? 7 : 10);
  const found: [string, V][] = [];
  for (const key in table) if (key.length === length && key.startsWith(prefix)) found.push([key.slice(prefix.length), table[key] as V]);
  return found;
};
