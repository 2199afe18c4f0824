import { idOfKeyPart } from './document-key.js';

/** The unit or officer a figure key is about (docs/read-side.md, "Units and officers the log never names"). */
export interface KeySubject {
  readonly kind: 'unit' | 'officer';
  readonly id: string;
}

/** The dimensions whose value is a unit (a lineage figure is a unit's) or an officer. */
const SUBJECT_OF_DIMENSION: Readonly<Record<string, KeySubject['kind']>> = { unit: 'unit', lineage: 'unit', officer: 'officer' };

const subjectAt = (parts: readonly string[], dimension: number): KeySubject | undefined => {
  const kind = SUBJECT_OF_DIMENSION[parts[dimension] ?? ''];
  const part = parts[dimension + 1];
  return kind === undefined || part === undefined || part.length === 0 ? undefined : { kind, id: idOfKeyPart(part) };
};

/**
 * The unit or officer a figure key names, read from where its grammar puts it (ids are key parts:
 * `idOfKeyPart`), for `ReadModel.subjectOfKey` (named as the `keyPeriod` helper for the same grammar); undefined for a key about neither (a province, a
 * procedure, a dossier, a category, the whole province).
 */
export const keySubject = {
  /** `<tenant>/<root>/<dimension>/<id>/<grain>/<period>/<metric>`. */
  afterGrain: (key: string): KeySubject | undefined => {
    const parts = key.split('/');
    return parts.length === 7 ? subjectAt(parts, 2) : undefined;
  },
  /** `<tenant>/<board|board-lineage>/<unitId>/<YYYY-MM-DD>/<metric>`. */
  dayAfterUnit: (key: string): KeySubject | undefined => {
    const parts = key.split('/');
    return parts.length === 5 && (parts[2] ?? '').length > 0 ? { kind: 'unit', id: idOfKeyPart(parts[2] ?? '') } : undefined;
  },
  /** `<tenant>/<root>/<period>/<dimension>/<value>/<measure>`. */
  afterRoot: (key: string): KeySubject | undefined => {
    const parts = key.split('/');
    return parts.length === 6 ? subjectAt(parts, 3) : undefined;
  },
} as const;
