import type { Finding } from '../rules/breach.js';
import type { DocumentNotPublishedBreach } from './breaches.js';
import { DossierErrorCode, LegalBasis, dossierRejected } from './errors.js';

/** Names in `requested` missing from `known`, compared trimmed. */
export const notIn = (requested: readonly string[], known: readonly string[]): string[] => {
  const names = new Set(known.map((name) => name.trim()));
  return requested.filter((name) => !names.has(name.trim()));
};

/**
 * Asking for a document outside the published list is incident C11: refused at a live desk, recorded
 * with its breach when it already happened.
 */
export const checkPublished = (
  requested: readonly string[],
  published: readonly string[],
  ruleSetId: string,
): Finding<DocumentNotPublishedBreach> | undefined => {
  const outside = notIn(requested, published);
  if (outside.length === 0) return undefined;
  const article = LegalBasis.publishedDocuments;
  return {
    breach: { rule: DossierErrorCode.DOCUMENT_NOT_PUBLISHED, ruleSetId, article, measured: { documentsOutsideList: outside.length } },
    refusal: dossierRejected(DossierErrorCode.DOCUMENT_NOT_PUBLISHED, `not in the procedure's published list: ${outside.join(', ')}`, {
      legalBasis: article,
      details: { unpublished: outside, published },
    }),
  };
};
