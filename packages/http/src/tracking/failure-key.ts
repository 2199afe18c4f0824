/**
 * Which counts of failed lookups a tracking request adds to and is held back by (docs/tracking.md,
 * "Provinces apart"). Dossier codes are unique within a province only, so failures are counted per
 * province and code: one province's failures never close another's dossier. A PIN sent without a
 * province is checked against the secret of every province whose count for the code has room, so it
 * is a guess at each of those provinces' dossiers and counts against each of them: however lookups
 * name provinces, a province's dossier faces at most the limit's guesses in a window.
 */

/** The province a request names: the signed link's, else `province`, else the only one served. */
export const namedProvince = (input: {
  readonly linkProvince: string | undefined;
  readonly province: string | undefined;
  readonly served: ReadonlyMap<string, string>;
}): string | undefined => input.linkProvince ?? input.province ?? (input.served.size === 1 ? [...input.served.keys()][0] : undefined);

/** The province a link token names, unverified (`<province>.<expiry>.<mac>`), if it has that shape. */
export const linkTokenProvince = (token: string | undefined): string | undefined => (token === undefined ? undefined : /^([a-z0-9-]{1,64})\.\d/.exec(token)?.[1]);

/** The key of the failures counted for `code` in `province`; province ids hold no newline. */
export const failureKey = (province: string, code: string): string => `${province}\n${code}`;
