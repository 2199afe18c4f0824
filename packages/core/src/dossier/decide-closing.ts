import { toVietnamDate } from '../calendar/index.js';
import { left, right, type Either } from '../fp.js';
import { invalidInput, type DomainError } from '../kernel/errors.js';
import type { RateDossier, RecordResultReady, ReturnResult, WithdrawDossier } from './commands.js';
import { timelinessOf } from './due-date.js';
import { DossierErrorCode, dossierRejected } from './errors.js';
import type { DossierEvent } from './events.js';
import { DECIDED_STATUSES, isClosed, receivedFacts, type DossierState } from './state.js';

type Outcome = Either<DomainError, readonly DossierEvent[]>;

/**
 * The result reached the desk: the time limit is met or missed here (docs/domain/dossier-lifecycle.md
 * §4), judged on the Vietnamese calendar day against the date in force and against the one before any
 * apology (§5).
 */
export const decideResultReady = (command: RecordResultReady, state: DossierState): Outcome => {
  const { dueDate, originalDueDate } = receivedFacts(state);
  const readyDate = toVietnamDate(command.data.occurredAt);
  return right([
    {
      type: 'ResultReady',
      data: {
        ...command.data,
        readyDate,
        dueDate,
        originalDueDate,
        timeliness: timelinessOf(readyDate, dueDate),
        timelinessAgainstOriginal: timelinessOf(readyDate, originalDueDate),
      },
    },
  ]);
};

/**
 * The return day judged against both dates, as `ResultReturned` always recorded; a result that was
 * ready at the desk first carries that judgement too (`ready`), which is the one figures use.
 */
export const decideReturn = (command: ReturnResult, state: DossierState): Outcome => {
  const { dueDate, originalDueDate } = receivedFacts(state);
  const returnDate = toVietnamDate(command.data.occurredAt);
  return right([
    {
      type: 'ResultReturned',
      data: {
        ...command.data,
        returnDate,
        dueDate,
        originalDueDate,
        timeliness: timelinessOf(returnDate, dueDate),
        timelinessAgainstOriginal: timelinessOf(returnDate, originalDueDate),
        ...(state.resultReady === undefined ? {} : { ready: state.resultReady }),
      },
    },
  ]);
};

export const decideWithdraw = (command: WithdrawDossier): Outcome => right([{ type: 'DossierWithdrawn', data: command.data }]);

/**
 * The citizen rates once the dossier is finished: returned, withdrawn, refused at intake, or refused
 * after processing; or a guidance-only visit, before anything is filed, on SIPAS aspects alone
 * (Circular 01 scores the handling of a dossier; docs/device-ratings.md). A second rating is rejected
 * rather than replacing the first: ratings feed officer scores, and silently overwritable input is
 * exactly what a dishonest rating (A05) would exploit.
 */
export const decideRate = (command: RateDossier, state: DossierState): Outcome => {
  const { circular01, sipas } = command.data;
  const scores = [...Object.values(circular01 ?? {}), ...Object.values(sipas ?? {})].filter((score) => score !== undefined).length;
  if (scores === 0) {
    return left(invalidInput([{ field: 'data', rule: 'AtLeastOneScore', message: 'give at least one Circular 01 index or SIPAS aspect' }]));
  }
  if (state.rating !== undefined) {
    return left(dossierRejected(DossierErrorCode.ALREADY_RATED, `dossier was already rated at ${state.rating.ratedAt}`));
  }
  const guidanceOnly = state.status === 'GUIDED';
  if (guidanceOnly && Object.values(circular01 ?? {}).some((score) => score !== undefined)) {
    return left(invalidInput([{ field: 'data.circular01', rule: 'GuidanceRatedOnSipas', message: 'a guidance-only visit is rated on SIPAS aspects; Circular 01 scores the handling of a filed dossier' }]));
  }
  const finished = guidanceOnly || isClosed(state) || (DECIDED_STATUSES.includes(state.status) && state.decision === 'refused');
  if (!finished) {
    return left(
      dossierRejected(DossierErrorCode.RATING_TOO_EARLY, 'a dossier is rated after its result, refusal or withdrawal, a guidance visit before anything is filed', {
        details: { status: state.status },
      }),
    );
  }
  return right([{ type: 'DossierRated', data: command.data }]);
};
