import { right, type Either } from '../fp.js';
import { compareDates, toVietnamDate } from '../calendar/index.js';
import type { DecisionMode } from '../kernel/decider.js';
import { ruleViolated, type DomainError } from '../kernel/errors.js';
import { judge, withBreaches, type Finding } from '../rules/breach.js';
import type { DisciplineTimeBarredBreach } from './breaches.js';
import type { RuleBook } from '../rules/index.js';
import type { RecordDiscipline } from './commands.js';
import { DISCIPLINE_FORMS_BY_STATUS, isFormAvailable, limitationFor } from './discipline.js';
import { OfficerErrorCode } from './errors.js';
import type { OfficerEvent } from './events.js';
import { hasLeft, notAppointed, reject } from './reject.js';
import type { OfficerState } from './state.js';

const LIMITATION_BASIS = 'Law on Public Employees 58/2010/QH12 Art.53 as amended by 52/2019/QH14';

export const decideDiscipline = (
  rules: RuleBook,
  { data }: RecordDiscipline,
  state: OfficerState,
  mode?: DecisionMode,
): Either<DomainError, readonly OfficerEvent[]> => {
  if (state.status === 'not-appointed') return notAppointed(data.officerId);
  // A decision cannot be recorded before it is made, nor made before the violation: a fact that cannot
  // have happened as stated stays a refusal in either mode (docs/adr/0010-record-then-judge.md).
  const recordedOn = toVietnamDate(data.occurredAt);
  if (data.decisionDate > recordedOn) {
    return reject(
      OfficerErrorCode.DisciplineNotYetDecided,
      `the decision of ${data.decisionDate} cannot be recorded on ${recordedOn}, before it is made`,
      { details: { decisionDate: data.decisionDate, recordedOn } },
    );
  }
  if (data.decisionDate < data.violationDate) {
    return reject(OfficerErrorCode.DisciplineDecidedBeforeViolation, 'the decision cannot predate the violation', {
      details: { violationDate: data.violationDate, decisionDate: data.decisionDate },
    });
  }
  // A former officer can still answer for what was done while serving.
  if (state.status === 'left' && data.violationDate > state.leftOn) return hasLeft(state.leftOn);
  const available = DISCIPLINE_FORMS_BY_STATUS[state.legalStatus];
  if (!isFormAvailable(state.legalStatus, data.form)) {
    return reject(
      OfficerErrorCode.DisciplineFormNotAvailable,
      `${data.form} is not a discipline form for a ${state.legalStatus}; available: ${available.forms.join(', ')}`,
      { legalBasis: available.legalBasis, details: { form: data.form, legalStatus: state.legalStatus } },
    );
  }
  if (state.disciplines.some((d) => d.decisionRef === data.decisionRef)) {
    return reject(OfficerErrorCode.DisciplineAlreadyRecorded, `decision ${data.decisionRef} is already recorded`, {
      details: { decisionRef: data.decisionRef },
    });
  }
  // The limitation set is the one in force when the discipline is decided.
  const ruleSet = rules.inForceAt(data.decisionDate);
  const limitation = limitationFor(ruleSet, data.form, data.violationDate);
  const timeBarred: Finding<DisciplineTimeBarredBreach> | undefined =
    data.decisionDate <= limitation.endsOn
      ? undefined
      : {
          breach: {
            rule: OfficerErrorCode.DisciplineTimeBarred,
            ruleSetId: ruleSet.id,
            article: LIMITATION_BASIS,
            measured: { daysPastLimitation: compareDates(data.decisionDate, limitation.endsOn), limitationYears: limitation.years },
          },
          refusal: ruleViolated(
            OfficerErrorCode.DisciplineTimeBarred,
            `the ${limitation.years}-year limitation for a violation on ${data.violationDate} ran out on ${limitation.endsOn}`,
            { legalBasis: LIMITATION_BASIS, details: { ...limitation, decisionDate: data.decisionDate, ruleSetId: ruleSet.id } },
          ),
        };
  return judge(mode, [timeBarred], (breaches) =>
    right([
      {
        type: 'DisciplineRecorded',
        data: {
          officerId: data.officerId,
          form: data.form,
          legalStatus: state.legalStatus,
          violationDate: data.violationDate,
          decisionDate: data.decisionDate,
          decisionRef: data.decisionRef,
          limitationYears: limitation.years,
          limitationEndsOn: limitation.endsOn,
          ruleSetId: ruleSet.id,
          occurredAt: data.occurredAt,
          ...(data.incidentId === undefined ? {} : { incidentId: data.incidentId }),
          ...withBreaches(breaches),
        },
      },
    ]),
  );
};
