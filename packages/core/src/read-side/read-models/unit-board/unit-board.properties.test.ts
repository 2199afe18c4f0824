import { idOfKeyPart } from '../../vocabulary/document-key.js';
import { depsWith, TENANT } from '../dossier-support/dossier-events.testkit.js';
import { dossierReadModelLaws } from '../dossier-support/read-model-laws.testkit.js';
import { mergersOf } from '../satisfaction-support/dossier-figures.testkit.js';
import { createUnitBoardReadModel } from './index.js';

const readModel = createUnitBoardReadModel(depsWith());

dossierReadModelLaws(
  'unit board',
  readModel,
  ['', 'b', 'board/', 'board/unit-a/', 'board/unit-a/2026-03-1', 'board/unit-b/2026-04-01/', 'board-lineage/', 'board-lineage/unit-z/2026-0', 'board-open/', 'dossier/'],
  async (documents, key) => {
    const [, root, unitId, date, metric] = key.split('/') as [string, string, string, string, 'received'];
    const query = root === 'board-lineage' ? readModel.queries.unitBoardLineage : readModel.queries.unitBoard;
    // A key holds the unit id as its key part: the query takes the id itself.
    return (await query(documents, TENANT, idOfKeyPart(unitId), date))?.[metric];
  },
  // Units merged into others (unit-b into unit-a, then unit-a into unit-z), for the lineage boards.
  { also: mergersOf },
);
