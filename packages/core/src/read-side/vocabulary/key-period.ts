import { isDatedGrain, parsePeriod, parsePeriodOf, type Period } from './period.js';

/**
 * The period a figure key counts, read from where its grammar puts it (ids are key parts, without
 * `/`), for `ReadModel.periodOfKey`; undefined for a key of another shape.
 */
export const keyPeriod = {
  /** `<tenant>/<root>/<dimension>/<id>/<day|month|quarter|year>/<period>/<metric>`. */
  afterGrain: (key: string): Period | undefined => {
    const parts = key.split('/');
    const [grain, period] = [parts[4] ?? '', parts[5] ?? ''];
    return parts.length === 7 && isDatedGrain(grain) ? parsePeriodOf(grain, period) : undefined;
  },
  /** `<tenant>/<root>/<unitId>/<YYYY-MM-DD>/<metric>`. */
  dayAfterUnit: (key: string): Period | undefined => {
    const parts = key.split('/');
    return parts.length === 5 ? parsePeriodOf('day', parts[3] ?? '') : undefined;
  },
  /** `<tenant>/<root>/<period>/<dimension>/<value>/<measure>`, the period any grain or `all`. */
  afterRoot: (key: string): Period | undefined => {
    const parts = key.split('/');
    return parts.length >= 6 ? parsePeriod(parts[2] ?? '') : undefined;
  },
} as const;
