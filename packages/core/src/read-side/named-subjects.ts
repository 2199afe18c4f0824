import type { ReferenceRegistry } from '../desk/references.js';
import { guardFigures } from './figure-guard.js';
import type { ReadModel } from './read-model.js';
import type { KeySubject } from './vocabulary/key-subject.js';

/** Whether a province's log names a unit or officer: one read of its stream's state (or of a registry an embedder keeps). */
export type NamedSubjects = (tenantId: string, subject: KeySubject) => Promise<boolean>;

/**
 * Named by the log: a unit once established, an officer once appointed, as `registry` (the desk's
 * `references`: by default their streams' typed state) says. The desk refuses a command naming any
 * other (docs/record-as-evidence.md, "References exist"), so no fact counts for a unit or officer
 * without one. One stream read per check.
 */
export const namedInRegistry =
  (registry: ReferenceRegistry): NamedSubjects =>
  async (tenantId, { kind, id }) =>
    kind === 'unit' ? (await registry.unit(tenantId, id)).status !== 'not-established' : (await registry.officer(tenantId, id)).status !== 'not-appointed';

/**
 * `readModel`, answering a figure key about a unit or officer its province's log never names
 * (`subjectOfKey`, checked with `named`) as a key it has no figure for, where it would otherwise
 * answer zeros; a named unit or officer idle in the period keeps its figure, zeros and all
 * (docs/read-side.md, "Units and officers the log never names"). One check per figure read.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
export const withNamedSubjects = (named: NamedSubjects) => <M extends ReadModel<any>>(readModel: M): M => {
  const { subjectOfKey } = readModel;
  const unnamed = async (key: string): Promise<boolean> => {
    const subject = subjectOfKey?.(key);
    return subject !== undefined && !(await named(key.slice(0, key.indexOf('/')), subject));
  };
  return guardFigures(readModel, unnamed);
};
