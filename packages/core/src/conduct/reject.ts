import { left, type Either } from '../fp.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import type { IncidentErrorCode } from './errors.js';

export const reject = <A = never>(
  code: IncidentErrorCode,
  message: string,
  extra: { legalBasis?: string; details?: Record<string, unknown> } = {},
): Either<DomainError, A> => left(ruleViolated(code, message, extra));
