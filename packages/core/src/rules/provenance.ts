import type { RuleSet, ValueProvenance } from './types.js';

/** Fields that name or describe the set, not values a rule applies. */
const DESCRIPTIVE = new Set(['id', 'title', 'legalBasis', 'notes', 'provenance']);

/** A value that carries its own status and source (`Threshold`). */
const carriesItsOwn = (value: object): boolean => 'status' in value && 'source' in value && 'value' in value;

/**
 * The paths of every value a rule applies in `ruleSet` (`apology.minWorkingDaysBeforeDue`), leaving out
 * descriptive fields, the `version` ids of policies and values that carry their own provenance.
 */
export const valuePaths = (ruleSet: RuleSet): string[] => {
  const paths: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (carriesItsOwn(value)) return;
      for (const [key, inner] of Object.entries(value)) {
        if (path === '' && DESCRIPTIVE.has(key)) continue;
        if (key === 'version' && path !== '') continue;
        walk(inner, path === '' ? key : `${path}.${key}`);
      }
      return;
    }
    paths.push(path);
  };
  walk(ruleSet, '');
  return paths;
};

/** The provenance of the value at `path`, if the set gives one. */
export const provenanceOf = (ruleSet: RuleSet, path: string): ValueProvenance | undefined => ruleSet.provenance?.[path];

/** Values of `ruleSet` with no provenance, and provenance entries that name no value (a renamed field). */
export const unsourcedValues = (ruleSet: RuleSet): { readonly missing: readonly string[]; readonly stale: readonly string[] } => {
  const paths = valuePaths(ruleSet);
  const known = new Set(paths);
  return {
    missing: paths.filter((path) => ruleSet.provenance?.[path] === undefined),
    stale: Object.keys(ruleSet.provenance ?? {}).filter((path) => !known.has(path)),
  };
};
