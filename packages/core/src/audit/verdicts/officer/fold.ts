import type { RecordedEvent } from '../../../kernel/envelope.js';
import { DocumentSession, foldBatch } from '../../../read-side/engine/fold.js';
import { asKind, keys, type OfficerRatingDocument as D } from '../../../read-side/read-models/officer-rating/documents.js';
import { factsOfDays } from '../../../read-side/read-models/officer-rating/period-facts.js';
import type { RatingRules } from '../../../read-side/read-models/officer-rating/policy.js';
import { officerRatingProjection } from '../../../read-side/read-models/officer-rating/projection.js';
import type { PeriodFacts } from '../../../read-side/read-models/officer-rating/proposal.js';
import { idOfKeyPart } from '../../../read-side/vocabulary/document-key.js';
import { monthsOf } from '../../../read-side/vocabulary/period.js';

/**
 * The officer-rating read model's documents folded from the verdict's own events, in memory and at
 * once. A verdict's `compute` is synchronous (an audit bundle's verifier calls it on the bundle's
 * events), while the read model's queries (`periodFacts`, `unitAt`, `proposalsInAgency`) read through
 * an asynchronous document store; so the verdict folds the read model's own projection and reads its
 * documents here the way those queries read them. What is derived (the documents, the proposal, the
 * quota) is the read model's: `officerRatingProjection`, `proposalFigures`, `excellentAllowed`.
 */
export interface RatingDocuments {
  readonly get: (key: string) => D | undefined;
  /** Documents whose key starts with `prefix`, in key order. */
  readonly under: (prefix: string) => readonly (readonly [string, D])[];
}

export const foldRatingDocuments = (events: readonly RecordedEvent[]): RatingDocuments => {
  const session = new DocumentSession<D>(() => undefined);
  const folded = foldBatch(officerRatingProjection, session, 0, events);
  if (folded.failure !== undefined) throw new Error(`${officerRatingProjection.name} failed at #${folded.failure.globalPosition}: ${folded.failure.message}`);
  const documents = new Map<string, D>();
  for (const [key, document] of session.take()) if (document !== undefined) documents.set(key, document);
  const sorted = [...documents.keys()].sort();
  return {
    get: (key) => documents.get(key),
    under: (prefix) => sorted.filter((key) => key.startsWith(prefix)).map((key) => [key, documents.get(key)!] as const),
  };
};

/** `periodFacts` of the read model: the officer's facts of the period with the events behind each. */
export const periodFactsOf = (documents: RatingDocuments, tenantId: string, officerId: string, { period }: RatingRules): PeriodFacts =>
  factsOfDays(
    monthsOf(period).flatMap((month) => {
      const document = asKind.month(documents.get(keys.month(tenantId, officerId, month)));
      return document === undefined ? [] : [[month, document] as const];
    }),
    (month) => documents.under(keys.days(tenantId, officerId, month)),
  );

/** `assignmentsOf` of the read model: the officer's assignments, rating agency and legal status. */
export const assignmentsIn = (documents: RatingDocuments, tenantId: string, officerId: string) => asKind.assignments(documents.get(keys.assignments(tenantId, officerId)));

/** Officers the agency ever seconded, by id (`agencyMembersOf`). */
export const agencyMembers = (documents: RatingDocuments, tenantId: string, agencyId: string): string[] => {
  const prefix = keys.agencyMembers(tenantId, agencyId);
  return documents
    .under(prefix)
    .map(([key]) => idOfKeyPart(key.slice(prefix.length)))
    .sort();
};

/** The unit head's latest decision on the officer's period. */
export const evaluationOf = (documents: RatingDocuments, tenantId: string, officerId: string, period: string) =>
  asKind.evaluation(documents.get(keys.evaluation(tenantId, officerId, period)));
