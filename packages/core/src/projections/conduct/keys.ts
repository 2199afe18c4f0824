/**
 * Conduct read-model keys: `<model>/<period>/<dimension>/<value>/<measure>[@<asOf>]`. The value may
 * itself contain `/` (it is everything between the dimension and the measure); `asOf` is an ISO instant.
 */
export interface ConductKey {
  readonly period: string;
  readonly dimension: string;
  readonly value: string;
  readonly measure: string;
  readonly asOf?: string;
}

export const conductKey = (model: string, key: ConductKey): string =>
  `${model}/${key.period}/${key.dimension}/${key.value}/${key.measure}${key.asOf === undefined ? '' : `@${key.asOf}`}`;

export const parseConductKey = (model: string, key: string): ConductKey | undefined => {
  if (!key.startsWith(`${model}/`)) return undefined;
  const parts = key.slice(model.length + 1).split('/');
  if (parts.length < 4) return undefined;
  const [period, dimension] = parts as [string, string];
  const [measure, asOf, ...rest] = (parts.at(-1) as string).split('@');
  if (rest.length > 0 || measure === undefined || (asOf !== undefined && Number.isNaN(Date.parse(asOf)))) return undefined;
  return { period, dimension, value: parts.slice(2, -1).join('/'), measure, ...(asOf === undefined ? {} : { asOf }) };
};
