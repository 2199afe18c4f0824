/**
 * Groups of projections to build side by side, each by an engine of its own (a worker thread over
 * its own connections: docs/read-side.md, "Builds in bulk"), balanced by what each costs to build.
 * Each projection, the costliest first, goes to the group that costs least so far; a projection of
 * unknown cost counts as `unknownCost`. Never more groups than projections, never an empty group.
 */
export const balanceBuildGroups = (
  names: readonly string[],
  count: number,
  costOf: (name: string) => number | undefined,
  unknownCost = 1,
): string[][] => {
  const groups = Array.from({ length: Math.max(1, Math.min(Math.floor(count), names.length)) }, () => ({ cost: 0, names: [] as string[] }));
  const cost = (name: string) => Math.max(0, costOf(name) ?? unknownCost);
  const ordered = [...names].sort((a, b) => cost(b) - cost(a) || (a < b ? -1 : a > b ? 1 : 0));
  for (const name of ordered) {
    const cheapest = groups.reduce((best, group) => (group.cost < best.cost || (group.cost === best.cost && group.names.length < best.names.length) ? group : best));
    cheapest.cost += cost(name);
    cheapest.names.push(name);
  }
  return groups.map((group) => group.names).filter((group) => group.length > 0);
};
