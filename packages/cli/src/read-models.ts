import {
  createDossierReadModels,
  createFeedbackComplianceReadModel,
  createOfficerRatingReadModel,
  createVietnamCalendar,
  defaultRuleBook,
  feedbackComplianceProjection,
  incidentRegisterProjection,
  incidentRegisterReadModel,
  officerRatingProjection,
  praiseProjection,
  praiseReadModel,
  type ExplainableReadModel,
  type Projection,
  type RuleBook,
  type WorkingDayCalendar,
} from '@motcua/core';
import { DEMO_TENANT } from './seed/province.js';

/** A projection the CLI can rebuild, with the read models whose figures `explain` answers for from its state. */
export interface CliProjection<State> {
  readonly projection: Projection<State>;
  readonly readModels: readonly ExplainableReadModel<State>[];
  readonly description: string;
  /** One key per read model, for `--help`: keys start with the province (`<tenantId>/`). */
  readonly exampleKeys: Readonly<Record<string, string>>;
}

export interface ReadModelDeps {
  readonly calendar: WorkingDayCalendar;
  readonly rules: RuleBook;
}

/**
 * The read models `motcua rebuild` and `motcua explain` know, built on the calendar and rules the desk
 * uses. To add one, append an entry: the projection (a pure fold) and its explainable read models.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection has its own state type
export const createReadModels = ({ calendar, rules }: ReadModelDeps): readonly CliProjection<any>[] => {
  const dossier = createDossierReadModels({ calendar, rules });
  return [
    {
      projection: dossier.projection,
      readModels: dossier.all,
      description: 'dossier figures: unit board, timeliness, Circular 01 indices, SIPAS-style index, Decision 766 service index',
      exampleKeys: {
        'unit-board': `${DEMO_TENANT}/board/tn-phuc-vu-hcc/2026-03-02/received`,
        timeliness: `${DEMO_TENANT}/timeliness/unit/tn-phuc-vu-hcc/month/2026-03/onTimeRate`,
        circular01: `${DEMO_TENANT}/tt01/unit/tn-phuc-vu-hcc/month/2026-03/total`,
        sipas: `${DEMO_TENANT}/sipas/unit/tn-phuc-vu-hcc/month/2026-03/overall`,
        'service-index-766': `${DEMO_TENANT}/index766/unit/tn-phuc-vu-hcc/month/2026-03/total`,
      },
    },
    {
      projection: incidentRegisterProjection,
      readModels: [incidentRegisterReadModel],
      description: 'conduct incidents by category, officer, unit, source and step',
      exampleKeys: { 'incident-register': `${DEMO_TENANT}/incident-register/2026-03/total/all/reported` },
    },
    {
      projection: feedbackComplianceProjection,
      readModels: [createFeedbackComplianceReadModel(rules)],
      description: 'feedback handled within its deadline, by unit and legal kind',
      exampleKeys: { 'feedback-compliance': `${DEMO_TENANT}/feedback-compliance/2026-03/total/all/on-time-share` },
    },
    {
      projection: praiseProjection,
      readModels: [praiseReadModel],
      description: 'praise received by officer and unit',
      exampleKeys: { praise: `${DEMO_TENANT}/praise/2026-03/total/all/count` },
    },
    {
      projection: officerRatingProjection,
      readModels: [createOfficerRatingReadModel(rules)],
      description: 'officer rating proposals from dossiers, ratings, praise and incidents',
      exampleKeys: { 'officer-rating': `${DEMO_TENANT}/officer-rating/officer/officer-phuc-vu-hcc-receiving-officer-1/quarter/2026-Q1/points` },
    },
  ];
};

let defaults: ReturnType<typeof createReadModels> | undefined;

/** The registry on the default calendar and rule book (those `createDesk` uses). */
export const defaultReadModels = (): ReturnType<typeof createReadModels> =>
  (defaults ??= createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() }));

export const projectionNames = (): readonly string[] => defaultReadModels().map((entry) => entry.projection.name);

export const readModelNames = (): readonly string[] => defaultReadModels().flatMap((entry) => entry.readModels.map((model) => model.name));

/** The read model named `name` and the projection whose state it explains. */
export const findReadModel = (name: string) => {
  for (const entry of defaultReadModels()) {
    const readModel = entry.readModels.find((model) => model.name === name);
    if (readModel !== undefined) return { entry, readModel };
  }
  return undefined;
};
