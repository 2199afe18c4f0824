import { depsWith, TENANT } from '../dossier-support/dossier-events.testkit.js';
import { dossierReadModelLaws } from '../dossier-support/read-model-laws.testkit.js';
import { createTimelinessReadModel } from './index.js';

const readModel = createTimelinessReadModel(depsWith());

dossierReadModelLaws(
  'timeliness',
  readModel,
  ['', 'timeliness/', 'timeliness/unit/', 'timeliness/unit/unit-a/month/2026-0', 'timeliness/officer/officer-1/day/2026-03-1', 'dossier/'],
  async (documents, key) => {
    const [, , dimension, id, grain, period, metric] = key.split('/') as [string, string, 'unit', string, 'month', string, 'resolved'];
    return (await readModel.queries.timeliness(documents, TENANT, dimension, id, grain, period))?.[metric];
  },
);
