/**
 * Which count of failed lookups a tracking request adds to and is held back by (docs/tracking.md,
 * "Rate limits"). Dossier codes are unique within a province only, so failures are counted per
 * province and code: one province's failures never close another's dossier. A PIN sent without a
 * province is checked against every province's secret at once, so its failures belong to no province:
 * they are counted per code apart, and close only the lookups that name no province.
 */

/** The province a request names: the signed link's, else `province`, else the only one served. */
export const namedProvince = (input: {
  readonly linkProvince: string | undefined;
  readonly province: string | undefined;
  readonly served: ReadonlyMap<string, string>;
}): string | undefined => input.linkProvince ?? input.province ?? (input.served.size === 1 ? [...input.served.keys()][0] : undefined);

/** The province a link token names, unverified (`<province>.<expiry>.<mac>`), if it has that shape. */
export const linkTokenProvince = (token: string | undefined): string | undefined => (token === undefined ? undefined : /^([a-z0-9-]{1,64})\.\d/.exec(token)?.[1]);

/** The key of the failures counted for `code` in `province`, or for `code` asked of no province; province ids hold no newline. */
export const failureKey = (province: string | undefined, code: string): string => `${province ?? ''}\n${code}`;
