import type { ValueProvenance } from '../types.js';

/**
 * Where each value of the built-in rule sets comes from (docs/domain/README.md): `sourced` when checked
 * against the article named, `to-confirm` when the text is silent, leaves it to a province, or is not
 * checked yet. The pages of docs/domain say the same in words; `unsourcedValues` keeps this list whole.
 */
const sourced = (source: string): ValueProvenance => ({ status: 'sourced', source });
const toConfirm = (source: string): ValueProvenance => ({ status: 'to-confirm', source });

const PROPOSAL = 'officer-rating-proposal-v1, the project\'s proposal weights (docs/domain/officers.md §2), to confirm with a seconding agency';
const TT01 = 'Circular 01/2018/TT-VPCP Art.13–15 (docs/domain/indices.md §1)';
const INCIDENT_STEPS = 'working assumption of the conduct codes (BK, HG); Decree 61/2018 Art.9(5) only requires the result to be made known (docs/domain/conduct-catalogue.md)';

/** The values of Decree 61/2018 (checked against it where `sourced`), which its successors carry over. */
export const DECREE_61_2018_PROVENANCE: Readonly<Record<string, ValueProvenance>> = {
  effectiveFrom: sourced('Decree 61/2018/NĐ-CP, final provisions: in force from 2018-06-21'),
  effectiveTo: toConfirm('the day before Decree 118/2025/NĐ-CP takes effect (2025-07-01), which replaces it (docs/domain/dossier-lifecycle.md §3)'),
  transferCutoff: sourced('Decree 61/2018/NĐ-CP Art.18: transferred the same working day, or the next when received after 15:00 (docs/domain/calendar.md §3)'),
  receiptDayCounts: sourced('Civil Code 2015 Art.147(2)–(3): a period in days starts the day after the event (docs/domain/calendar.md §3)'),
  calendarDaysCountFrom: toConfirm('Civil Code 2015 Art.145(1), 147(2)–(3): the decree fixes no other start; the 15:00 cutoff concerns the transfer (docs/domain/calendar.md §3)'),
  supplementClockPolicy: sourced('Decree 61/2018/NĐ-CP Art.19(4): the limit counts again from zero once the supplement is complete (docs/domain/dossier-lifecycle.md §2)'),
  supplementClockAfterVerification: toConfirm('Decree 61/2018/NĐ-CP Art.19: the time already used is kept after a verification (the project\'s reading, docs/domain/dossier-lifecycle.md §2)'),
  supplementRequestWithinWorkingDays: sourced('Decree 61/2018/NĐ-CP Art.19(4): within 3 working days of receipt (docs/domain/dossier-lifecycle.md §2)'),
  supplementWindowCountsFrom: toConfirm('Decree 61/2018/NĐ-CP Art.19(4) "from the day of receipt"; the cutoff of Art.18 moves the transfer, not the receipt (docs/domain/dossier-lifecycle.md §2)'),
  maxSupplementRequests: sourced('Decree 61/2018/NĐ-CP Art.11(2c), 15(3): every gap is listed in one go (docs/domain/dossier-lifecycle.md §2)'),
  'apology.minWorkingDaysBeforeDue': toConfirm('Decree 61/2018/NĐ-CP Art.19(9), 12(5): at least one day before the due date; counted in working days (docs/domain/dossier-lifecycle.md §5)'),
  'apology.maxPerDossier': sourced('Decree 61/2018/NĐ-CP Art.19(9): one apology and new date per dossier (docs/domain/dossier-lifecycle.md §5)'),
  'feedbackDeadlineWorkingDays.phan-anh': toConfirm('Decree 20/2008/NĐ-CP sets the forwarding limit (5 working days), not the answer\'s: the same 5 days is a working assumption (docs/domain/conduct-catalogue.md §4)'),
  'feedbackDeadlineWorkingDays.kien-nghi': toConfirm('Decree 20/2008/NĐ-CP sets the forwarding limit (5 working days), not the answer\'s: the same 5 days is a working assumption (docs/domain/conduct-catalogue.md §4)'),
  'feedbackDeadlineWorkingDays.khieu-nai': toConfirm('Law on Complaints 2011: 10 days to accept a complaint and notify; working or calendar days to confirm (docs/domain/conduct-catalogue.md §4)'),
  'feedbackDeadlineWorkingDays.to-cao': toConfirm('Law on Denunciations 2018: 7 working days to record, classify and forward (docs/domain/conduct-catalogue.md §4)'),
  'feedbackDeadlineWorkingDays.gop-y': toConfirm('no statutory limit found; internal acknowledgement practice (docs/domain/conduct-catalogue.md §4)'),
  feedbackKindsMeasured: toConfirm(`${TT01}: index 8 scores the handling of phản ánh, kiến nghị (Decree 20/2008/NĐ-CP); khiếu nại, tố cáo (Law on Complaints, Law on Denunciations) and góp ý are left out, the project's reading`),
  feedbackForwardingWorkingDays: sourced('Decree 20/2008/NĐ-CP: a matter outside the receiver\'s competence is forwarded within 5 working days (docs/domain/conduct-catalogue.md §4)'),
  errorCorrectionWorkingDays: toConfirm('Decree 61/2018/NĐ-CP Art.21: the body whose error is in the result corrects it at its own cost and apologises; no period found in the text, 5 working days is the project\'s working assumption (docs/domain/dossier-lifecycle.md §7)'),
  'feedbackDeadlineWorkingDays.khen': toConfirm('no statutory limit found; internal acknowledgement practice (docs/domain/conduct-catalogue.md §4)'),
  'incidentStepDeadlineWorkingDays.acknowledge': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineWorkingDays.investigate': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineWorkingDays.conclude': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineWorkingDays.answer-applicant': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineWorkingDays.decide-discipline': toConfirm(
    'Decree 112/2020/NĐ-CP, Law on Public Employees 58/2010/QH12 as amended by 52/2019/QH14: discipline is handled within 90 days, 150 when complex (incidentStepComplexCaseDays); counted from the proposal, which event the law counts from is to confirm (docs/domain/conduct-catalogue.md §3)',
  ),
  'incidentStepComplexCaseDays.decide-discipline': sourced(
    'Decree 112/2020/NĐ-CP, kept by Decree 234/2026/NĐ-CP: up to 150 days when the case is complex and needs further inspection or verification; counted like the 90 days, from the proposal (docs/domain/conduct-catalogue.md §3)',
  ),
  'incidentStepDeadlineUnits.acknowledge': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineUnits.investigate': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineUnits.conclude': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineUnits.answer-applicant': toConfirm(INCIDENT_STEPS),
  'incidentStepDeadlineUnits.decide-discipline': sourced(
    'Decree 112/2020/NĐ-CP gives the handling limit in days, not working days (docs/domain/conduct-catalogue.md §3)',
  ),
  evaluationScale: sourced('Decree 90/2020/NĐ-CP Art.8–15: an annual rating on four levels (docs/domain/officers.md §3)'),
  'officerRatingProposal.timelinessAgainst': toConfirm(`${PROPOSAL}: a dossier is judged against its due date before any apology (docs/domain/dossier-lifecycle.md §5)`),
  'officerRatingProposal.satisfiedSipasOfficersAtLeast': toConfirm(`${PROPOSAL}: satisfied is 4 or 5 of 5, as SIPAS counts it (docs/domain/indices.md §4)`),
  'officerRatingProposal.satisfiedAttitudeIndexAtLeast': toConfirm(`${PROPOSAL}: TT01 index 7 of 1 or 2`),
  'officerRatingProposal.hundredPoints.general': toConfirm('Decree 335/2025/NĐ-CP, itself to confirm: 30 points for the general criteria (docs/domain/officers.md §2)'),
  'officerRatingProposal.hundredPoints.task': toConfirm('Decree 335/2025/NĐ-CP, itself to confirm: 70 points for task results (docs/domain/officers.md §2)'),
  'officerRatingProposal.hundredPoints.deductionBySeverity.minor': toConfirm(PROPOSAL),
  'officerRatingProposal.hundredPoints.deductionBySeverity.serious': toConfirm(PROPOSAL),
  'officerRatingProposal.hundredPoints.deductionBySeverity.very-serious': toConfirm(PROPOSAL),
  'officerRatingProposal.fourLevels.ceilingBySeverity.minor': toConfirm(PROPOSAL),
  'officerRatingProposal.fourLevels.ceilingBySeverity.serious': toConfirm(PROPOSAL),
  'officerRatingProposal.fourLevels.ceilingBySeverity.very-serious': toConfirm(PROPOSAL),
  'officerRatingProposal.praisePoints': toConfirm(PROPOSAL),
  'officerRatingProposal.praisePointsMax': toConfirm(PROPOSAL),
  'officerRatingProposal.bands.excellent': toConfirm('Decree 335/2025/NĐ-CP, itself to confirm: 90 points or more, excellent (docs/domain/officers.md §2)'),
  'officerRatingProposal.bands.good': toConfirm('Decree 335/2025/NĐ-CP, itself to confirm: 70 to under 90 points, good (docs/domain/officers.md §2)'),
  'officerRatingProposal.bands.completed': toConfirm('Decree 335/2025/NĐ-CP, itself to confirm: 50 to under 70 points, completed (docs/domain/officers.md §2)'),
  'officerRatingProposal.excellentQuotaPercent': toConfirm('Decree 90/2020/NĐ-CP and Decree 335/2025/NĐ-CP (itself to confirm): excellent at most 20% of those rated good or better (docs/domain/officers.md §4)'),
  'officerRatingProposal.digits': toConfirm(`${PROPOSAL}: points shown to 1 decimal`),
  'circular01Scoring.lateWithoutComplaintAttitude': toConfirm(`${TT01}: the circular scores index 7 only for early, on time and complained-about dossiers; a late one without complaint scores 0 (the project's reading)`),
  'circular01Scoring.timelinessAgainst': toConfirm(`${TT01}: an apology does not extend the legal limit, so indices 1 and 7 judge against the due date before it (the project's reading)`),
  'circular01Scoring.digits': sourced(`${TT01}: means rounded to 1 decimal`),
  indexRounding: toConfirm(`${TT01}: "rounded to 1 decimal"; half-up is the usual reading, half-even a setting`),
  sipasOverall: toConfirm('Ministry of Home Affairs SIPAS reports: the overall index is the mean of the component indices (docs/domain/indices.md §4)'),
  'disciplineLimitationYears.reprimandLevel': sourced('Law on Public Employees 58/2010/QH12 Art.53 as amended by 52/2019/QH14: 2 years for reprimand; civil servants assumed alike, to confirm (docs/domain/officers.md)'),
  'disciplineLimitationYears.other': sourced('Law on Public Employees 58/2010/QH12 Art.53 as amended by 52/2019/QH14: 5 years for other forms; civil servants assumed alike, to confirm (docs/domain/officers.md)'),
};

/** Decree 118/2025 carries the values of Decree 61/2018 over until they are checked against it. */
export const DECREE_118_2025_PROVENANCE: Readonly<Record<string, ValueProvenance>> = {
  ...Object.fromEntries(
    Object.entries(DECREE_61_2018_PROVENANCE).map(([path, { status, source }]) => [
      path,
      status === 'sourced' && source.startsWith('Decree 61/2018')
        ? toConfirm(`carried over from ${source}; to confirm against Decree 118/2025/NĐ-CP`)
        : { status, source },
    ]),
  ),
  effectiveFrom: toConfirm('Decree 118/2025/NĐ-CP of 2025-06-09, in force 2025-07-01 (docs/domain/dossier-lifecycle.md §3)'),
  effectiveTo: toConfirm('the day before the 2026 evaluation reform (Law 80/2025/QH15, Decree 335/2025/NĐ-CP) applies'),
  evaluationScale: toConfirm('Decree 90/2020/NĐ-CP four levels until the evaluation part of Law 80/2025/QH15 applies on 2026-01-01 (docs/domain/officers.md)'),
};

/** Decree 118/2025 as amended by Decree 367/2025, with the 2026 evaluation reform. */
export const DECREE_118_2025_AMENDED_2026_PROVENANCE: Readonly<Record<string, ValueProvenance>> = {
  ...Object.fromEntries(Object.entries(DECREE_118_2025_PROVENANCE).filter(([path]) => path !== 'effectiveTo')),
  effectiveFrom: toConfirm('the evaluation reform of Law 80/2025/QH15 and Decree 335/2025/NĐ-CP applies from 2026-01-01; Decree 367/2025/NĐ-CP is dated 2025-12-31'),
  effectiveTo: sourced('the day before Decree 233/2026/NĐ-CP moves public employees to the 100-point rating (2026-07-01, docs/domain/officers.md §2)'),
  evaluationScale: toConfirm('Decree 335/2025/NĐ-CP: an annual rating on 100 points (docs/domain/officers.md §2; its application to civil servants to confirm)'),
  'evaluationScaleByStatus.public-employee': sourced('Decree 90/2020/NĐ-CP Art.12–15: public employees keep the four levels until Decree 233/2026/NĐ-CP applies on 2026-07-01 (docs/domain/officers.md §2)'),
};

/** The set of 2026-07-01: public employees rated on 100 points as well. */
export const DECREE_118_2025_AMENDED_2026_07_PROVENANCE: Readonly<Record<string, ValueProvenance>> = {
  ...Object.fromEntries(
    Object.entries(DECREE_118_2025_AMENDED_2026_PROVENANCE).filter(([path]) => path !== 'effectiveTo' && !path.startsWith('evaluationScaleByStatus.')),
  ),
  effectiveFrom: sourced('Decree 233/2026/NĐ-CP: public employees are rated on the same 100 points from 2026-07-01 (docs/domain/officers.md §2)'),
};
