import { depsWith, TENANT } from '../dossier-support/dossier-events.testkit.js';
import { dossierReadModelLaws } from '../dossier-support/read-model-laws.testkit.js';
import { createUnitBoardReadModel } from './index.js';

const readModel = createUnitBoardReadModel(depsWith());

dossierReadModelLaws(
  'unit board',
  readModel,
  ['', 'b', 'board/', 'board/unit-a/', 'board/unit-a/2026-03-1', 'board/unit-b/2026-04-01/', 'board-open/', 'dossier/'],
  async (documents, key) => {
    const [, , unitId, date, metric] = key.split('/') as [string, string, string, string, 'received'];
    return (await readModel.queries.unitBoard(documents, TENANT, unitId, date))?.[metric];
  },
);
