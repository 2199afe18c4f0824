import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import * as kit from '../../../dossier/dossier.testkit.js';
import { lifeCycleWalk, replayWalk } from '../../../dossier/life-cycle-walk.testkit.js';
import type { DossierState } from '../../../dossier/state.js';
import { DocumentSession, foldBatch } from '../../engine/fold.js';
import { dossierListProjection, type DossierListDocument, type DossierSummary } from './projection.js';

/** The row as the desk's own decider says it: its state, summed up field by field, in the list's field order. */
const summary = (code: string, tenantId: string, state: DossierState, version: number): DossierSummary => ({
  code,
  tenantId,
  status: state.status,
  ...(state.receivingUnitId === undefined ? {} : { unitId: state.receivingUnitId }),
  ...(state.procedureCode === undefined ? {} : { procedureCode: state.procedureCode }),
  ...(state.applicantId === undefined ? {} : { applicantId: state.applicantId }),
  ...(state.receivedAt === undefined ? {} : { receivedAt: state.receivedAt }),
  ...(state.dueDate === undefined ? {} : { dueDate: state.dueDate }),
  ...(state.originalDueDate === undefined ? {} : { originalDueDate: state.originalDueDate }),
  ...(state.resultReadyAt === undefined ? {} : { resultReadyAt: state.resultReadyAt }),
  ...(state.returnedAt === undefined ? {} : { returnedAt: state.returnedAt }),
  ...(state.resultReady !== undefined
    ? { timeliness: state.resultReady.timelinessAgainstOriginal, judgedAt: 'ready' as const }
    : state.timelinessAgainstOriginal !== undefined
      ? { timeliness: state.timelinessAgainstOriginal, judgedAt: 'return' as const }
      : {}),
  version,
});

const seen = new Set<string>();
test.prop([lifeCycleWalk], { numRuns: 300 })(
  'after every event, the row is the desk decider\'s state summed up, field for field and in the same order',
  (intents) => {
    const session = new DocumentSession<DossierListDocument>(() => undefined);
    replayWalk(intents, ({ event, after: state }) => {
      const version = event.metadata.globalPosition;
      seen.add(event.type);
      const folded = foldBatch(dossierListProjection, session, version - 1, [event]);
      expect(folded.failure).toBeUndefined();
      const row = session.get(`hcm/row/${String(1).padStart(12, '0')}`);
      expect(row?.kind).toBe('row');
      expect(JSON.stringify(row?.kind === 'row' ? row.row : undefined)).toBe(JSON.stringify(summary(kit.CODE, 'hcm', state, version)));
    });
  },
);

test('the walks reach every dossier event', () => {
  // Runs after the property above (tests of a file run in order): the law says little if they did not.
  expect(seen.size).toBe(16);
});
