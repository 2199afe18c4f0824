import type { Either } from '../fp.js';
import { rejecter, type DomainError } from '../kernel/errors.js';
import { OfficerErrorCode } from './errors.js';

export const reject = rejecter<OfficerErrorCode>();

export const notAppointed = <A = never>(officerId: string): Either<DomainError, A> =>
  reject(OfficerErrorCode.NotAppointed, `officer ${officerId} has not been appointed to a desk`);

export const hasLeft = <A = never>(leftOn: string): Either<DomainError, A> =>
  reject(OfficerErrorCode.HasLeft, `the officer left the desk on ${leftOn}; only earlier periods can be recorded`, {
    details: { leftOn },
  });
