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
 * The province of a failure stored by a version that stopped the whole copy at it: the province its
 * stream id names (every stream of the desk names its province, docs/adr/0011-province-in-stream-ids.md);
 * undefined for a stream of another shape, whose failure keeps stopping the whole copy.
 */
export const provinceOfWholeCopyFailure = (failure: ProjectionFailure): ProvinceFailure | undefined => {
  const tenantId = typeof failure.streamId === 'string' ? parseProvinceStreamId(failure.streamId)?.tenantId : undefined;
  return tenantId === undefined ? undefined : { ...failure, tenantId };
};
