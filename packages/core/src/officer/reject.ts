import { left, type Either } from '../fp.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import { OfficerErrorCode } from './errors.js';

export const reject = <A = never>(
  code: OfficerErrorCode,
  message: string,
  extra: { legalBasis?: string; details?: Record<string, unknown> } = {},
): Either<DomainError, A> => left(ruleViolated(code, message, extra));

export const notAppointed = <A = never>(officerId: string): Either<DomainError, A> =>
  reject(OfficerErrorCode.NotAppointed, `officer ${officerId} has not been appointed to a desk`);

export const hasLeft = <A = never>(leftOn: string): Either<DomainError, A> =>
  reject(OfficerErrorCode.HasLeft, `the officer left the desk on ${leftOn}; only earlier periods can be recorded`, {
    details: { leftOn },
  });
