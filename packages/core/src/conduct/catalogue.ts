import type { t } from '../fp.js';
import { oneOf } from '../kernel/primitives.js';

export interface IncidentCategoryEntry {
  readonly code: string;
  readonly behaviour: string;
  /**
   * Articles of Decree 61/2018 and the seed codes of conduct: BK Bắc Kạn, HG Hà Giang, TT Thạch Thất,
   * HM Hòa Mỹ, SL Sơn La.
   */
  readonly legalBasis: readonly string[];
}

/** Officer-side incident catalogue (docs/domain/conduct-catalogue.md §1). */
export const INCIDENT_CATALOGUE = [
  { code: 'C01', behaviour: 'Rude tone, shouting, threatening, raised voice', legalBasis: ['BK', 'Decree 61/2018 Art.5(1h)'] },
  { code: 'C02', behaviour: 'Private business (chat, phone) while serving', legalBasis: ['BK'] },
  {
    code: 'C03',
    behaviour: 'Harassment, petty corruption, hinting at money beyond fees',
    legalBasis: ['Decree 61/2018 Art.5(1a)', 'SL'],
  },
  { code: 'C04', behaviour: 'No badge or uniform', legalBasis: ['Decree 61/2018 Art.11(2e)', 'HG'] },
  {
    code: 'C05',
    behaviour: 'Priority ignored (elderly, disabled, pregnant, with a small child, revolution merit)',
    legalBasis: ['BK'],
  },
  {
    code: 'C06',
    behaviour: 'Made to come back; supplement asked more than once',
    legalBasis: ['Decree 61/2018 Art.11(2c)', 'Decree 61/2018 Art.15(3)', 'SL'],
  },
  { code: 'C07', behaviour: 'Phone or online etiquette: no name, title or unit, abrupt hang-up', legalBasis: ['BK', 'HG'] },
  { code: 'C08', behaviour: 'Late, absent, leaving the counter', legalBasis: ['Decree 61/2018 Art.9(3)', 'HG', 'TT'] },
  {
    code: 'C09',
    behaviour: 'Wrong or incomplete guidance; slip or result not checked',
    legalBasis: ['Decree 61/2018 Art.15(1)', 'BK'],
  },
  {
    code: 'C10',
    behaviour: 'Refusing a valid dossier or refusing without reason',
    legalBasis: ['Decree 61/2018 Art.5(1đ)', 'Decree 61/2018 Art.17(1b)'],
  },
  { code: 'C11', behaviour: 'Asking for documents outside the published list', legalBasis: ['Decree 61/2018 Art.5(1đ)'] },
  {
    code: 'C12',
    behaviour: 'Delay beyond the time limit, or no apology slip issued',
    legalBasis: ['Decree 61/2018 Art.5(1đ)', 'Decree 61/2018 Art.19(9)'],
  },
  { code: 'C13', behaviour: 'Dealing with an applicant outside the desk', legalBasis: ['Decree 61/2018 Art.5(1e)'] },
  { code: 'C14', behaviour: 'Obstructing the choice of filing or return channel', legalBasis: ['Decree 61/2018 Art.5(1b)'] },
  { code: 'C15', behaviour: 'Altering, deleting or forging electronic dossier data', legalBasis: ['Decree 61/2018 Art.5(1c)'] },
  {
    code: 'C16',
    behaviour: 'Leaking applicant information or using it for gain',
    legalBasis: ['Decree 61/2018 Art.5(1d)'],
  },
  { code: 'C17', behaviour: 'Buck-passing, non-cooperation, partiality', legalBasis: ['Decree 61/2018 Art.5(1g)'] },
  { code: 'C18', behaviour: 'Feedback not recorded, answered or escalated', legalBasis: ['BK'] },
  { code: 'C19', behaviour: 'Arguing or scuffling instead of calling security', legalBasis: ['BK'] },
  {
    code: 'C20',
    behaviour: 'No apology for own error ("3 biết": greet, apologise, thank)',
    legalBasis: ['BK', 'HM'],
  },
  { code: 'C99', behaviour: 'Other unlawful conduct in service', legalBasis: ['Decree 61/2018 Art.5(1i)'] },
] as const satisfies readonly IncidentCategoryEntry[];

export type IncidentCategoryCode = (typeof INCIDENT_CATALOGUE)[number]['code'];

const CODES = INCIDENT_CATALOGUE.map((entry) => entry.code) as [IncidentCategoryCode, ...IncidentCategoryCode[]];
export const IncidentCategory = oneOf('IncidentCategory', CODES);
export type IncidentCategory = t.TypeOf<typeof IncidentCategory>;

export const incidentCategory = (code: IncidentCategoryCode): IncidentCategoryEntry =>
  INCIDENT_CATALOGUE.find((entry) => entry.code === code) as IncidentCategoryEntry;
