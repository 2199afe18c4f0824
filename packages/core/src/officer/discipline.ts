import type { t } from '../fp.js';
import { oneOf } from '../kernel/primitives.js';
import type { RuleSet } from '../rules/index.js';
import { addYears } from './dates.js';
import type { LegalStatus } from './vocabulary.js';

export const DISCIPLINE_FORMS = [
  'reprimand',
  'warning',
  'salary-step-reduction',
  'demotion',
  'dismissal-from-post',
  'forced-termination',
  'removal-from-office',
  'salary-raise-deferral',
  'summary-dismissal',
] as const;
export const DisciplineForm = oneOf('DisciplineForm', DISCIPLINE_FORMS);
export type DisciplineForm = t.TypeOf<typeof DisciplineForm>;

interface FormsForStatus {
  readonly forms: readonly DisciplineForm[];
  readonly legalBasis: string;
}

/** Which forms each legal status can receive. */
export const DISCIPLINE_FORMS_BY_STATUS: Readonly<Record<LegalStatus, FormsForStatus>> = {
  'civil-servant': {
    forms: ['reprimand', 'warning', 'salary-step-reduction', 'demotion', 'dismissal-from-post', 'forced-termination'],
    legalBasis: 'Law on Cadres and Civil Servants 2008 Art.79, as amended 2019',
  },
  'public-employee': {
    forms: ['reprimand', 'warning', 'dismissal-from-post', 'forced-termination'],
    legalBasis: 'Decree 112/2020/NĐ-CP Art.15',
  },
  // (to confirm) cadres: Law on Cadres and Civil Servants 2008 Art.78.
  cadre: {
    forms: ['reprimand', 'warning', 'dismissal-from-post', 'removal-from-office'],
    legalBasis: 'Law on Cadres and Civil Servants 2008 Art.78 (to confirm)',
  },
  // (to confirm) contract staff fall under labour discipline.
  contract: {
    forms: ['reprimand', 'salary-raise-deferral', 'dismissal-from-post', 'summary-dismissal'],
    legalBasis: 'Labour Code 2019 Art.124 (to confirm)',
  },
};

export const isFormAvailable = (status: LegalStatus, form: DisciplineForm): boolean =>
  DISCIPLINE_FORMS_BY_STATUS[status].forms.includes(form);

export interface Limitation {
  readonly years: number;
  /** Last day on which discipline may still be decided. */
  readonly endsOn: string;
}

/** Reprimand-level violations run out sooner than the rest (Law on Public Employees Art.53, 2019). */
export const limitationFor = (ruleSet: RuleSet, form: DisciplineForm, violationDate: string): Limitation => {
  const years =
    form === 'reprimand' ? ruleSet.disciplineLimitationYears.reprimandLevel : ruleSet.disciplineLimitationYears.other;
  return { years, endsOn: addYears(violationDate, years) };
};
