import { parseProvinceStreamId } from '../../kernel/tenant.js';

/** The event a projection could not fold. */
export interface ProjectionFailure {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventType: string;
  readonly message: string;
}

/**
 * A province whose documents stopped at an event it could not fold (docs/read-side.md, "A province
 * that fails"): its documents stay as they were before that event and its later events are skipped,
 * while every other province's events go on being folded.
 */
export interface ProvinceFailure extends ProjectionFailure {
  /** The failing event's `metadata.tenantId`. */
  readonly tenantId: string;
}

/** The failed provinces of a copy, by province id. */
export type FailedProvinces = ReadonlyMap<string, ProvinceFailure>;

export const NO_FAILED_PROVINCES: FailedProvinces = new Map();

/** The provinces of a stored list of failures, by province id. */
export const failedProvincesOf = (failures: readonly ProvinceFailure[] | undefined): FailedProvinces =>
  failures === undefined || failures.length === 0 ? NO_FAILED_PROVINCES : new Map(failures.map((failure) => [failure.tenantId, failure]));

/** The failures of a copy as stored: one per province, in province order. */
export const provinceFailureList = (failed: FailedProvinces): readonly ProvinceFailure[] =>
  [...failed.values()].sort((a, b) => (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0));

/**
 * The failure a version that stopped the whole copy at it stored (its JSON text), as the stored list
 * of failures per province (JSON text) that replaces it: the failure moved to the province its stream
 * id names (every stream of the desk names its province, docs/adr/0011-province-in-stream-ids.md).
 * Undefined for a text that is no failure, or a stream of another shape: such a failure keeps
 * stopping the whole copy. What both stores' upgrades of their document tables run.
 */
export const provinceFailuresOfWholeCopyFailure = (storedText: string): string | undefined => {
  let failure: unknown;
  try {
    failure = JSON.parse(storedText);
  } catch {
    return undefined;
  }
  if (typeof failure !== 'object' || failure === null) return undefined;
  const { streamId } = failure as Partial<ProjectionFailure>;
  const tenantId = typeof streamId === 'string' ? parseProvinceStreamId(streamId)?.tenantId : undefined;
  return tenantId === undefined ? undefined : JSON.stringify([{ ...failure, tenantId }]);
};
