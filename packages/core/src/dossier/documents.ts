import type { BusinessRuleViolated } from '../kernel/errors.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';

/** Names in `requested` missing from `known`, compared trimmed. */
export const notIn = (requested: readonly string[], known: readonly string[]): string[] => {
  const names = new Set(known.map((name) => name.trim()));
  return requested.filter((name) => !names.has(name.trim()));
};

/** Asking for a document outside the published list is incident C11; the request is refused. */
export const checkPublished = (requested: readonly string[], published: readonly string[]): BusinessRuleViolated | undefined => {
  const outside = notIn(requested, published);
  return outside.length === 0
    ? undefined
    : dossierRejected(DossierErrorCode.DOCUMENT_NOT_PUBLISHED, `not in the procedure's published list: ${outside.join(', ')}`, {
        legalBasis: LegalBasis.publishedDocuments,
        details: { unpublished: outside, published },
      });
};
