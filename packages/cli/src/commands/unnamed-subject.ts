import { createDesk, namedInRegistry, parseDocumentKey, type EventStore, type ReadModel } from '@motcua/core';
import { CliError } from '../cli-io.js';

/**
 * Refuses a figure key about a unit or officer the province's log never names, as a key without a
 * figure (docs/read-side.md, "Units and officers the log never names"): one read of its stream.
 */
export const refuseUnnamedSubject = async (store: EventStore, readModel: ReadModel<unknown>, key: string): Promise<void> => {
  const subject = readModel.subjectOfKey?.(key);
  const tenantId = parseDocumentKey(key)?.tenantId;
  const { references } = createDesk({ store });
  if (subject === undefined || tenantId === undefined || references === undefined) return;
  if (!(await namedInRegistry(references)(tenantId, subject))) {
    throw new CliError(`${readModel.name} has no figure "${key}": the log of ${tenantId} never names ${subject.kind} ${subject.id}`);
  }
};
