export { officerRatingProjection } from './officer-rating.js';
export {
  OFFICER_RATING,
  type DossierHandler,
  type EvaluationFact,
  type IncidentFact,
  type OfficerFacts,
  type OfficerMonth,
  type OfficerRatingState,
  type RatingFact,
  type ReturnedFact,
  type StoredRating,
  type StoredReturn,
} from './facts.js';
export { createOfficerRatingReadModel, officerRatingProposal, unitExcellentCap } from './explain.js';
export { ratingRulesFor, type RatingRules } from './policy.js';
export { periodFacts, unitAt, type PeriodFacts } from './period-facts.js';
export { proposalFigures, PROPOSAL_MEASURES, type RatingFigure, type ProposalMeasure } from './proposal.js';
export { excellentShare, proposalsInUnit, type ProposedInUnit } from './unit-cap.js';
