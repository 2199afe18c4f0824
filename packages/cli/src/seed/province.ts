import type { DeskLevel, LegalStatus, OfficerRole, UnitKind } from '@motcua/core';

/** The demo province: Thái Nguyên after the 2025 merger that took in Bắc Kạn (Resolution 202/2025/QH15). */
export const DEMO_TENANT = 'demo-thai-nguyen';
export const MERGER_DATE = '2025-07-01';

export interface DemoUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly provinceCode: string;
  readonly parentCode?: string;
  readonly establishedOn: string;
  /** The agency identifier at the head of its dossier codes (Circular 01/2018 Art.19). */
  readonly agencyCode?: string;
  readonly deskLevel: DeskLevel;
}

export const PROVINCE_CENTRE = 'tn-phuc-vu-hcc';

export const UNITS: readonly DemoUnit[] = [
  { code: PROVINCE_CENTRE, name: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên', kind: 'province-centre', provinceCode: 'thai-nguyen', establishedOn: '2019-01-01', agencyCode: '000.00.15.H55', deskLevel: 'province' },
  { code: 'bk-phuc-vu-hcc', name: 'Trung tâm Phục vụ hành chính công tỉnh Bắc Kạn', kind: 'province-centre', provinceCode: 'bac-kan', establishedOn: '2019-01-01', deskLevel: 'province' },
  { code: 'tn-phuong-trung-vuong', name: 'Bộ phận Một cửa phường Trưng Vương', kind: 'commune-desk', provinceCode: 'thai-nguyen', parentCode: PROVINCE_CENTRE, establishedOn: '2019-01-01', deskLevel: 'commune' },
  { code: 'tn-phuong-hoang-van-thu', name: 'Bộ phận Một cửa phường Hoàng Văn Thụ', kind: 'commune-desk', provinceCode: 'thai-nguyen', parentCode: PROVINCE_CENTRE, establishedOn: '2019-01-01', deskLevel: 'commune' },
  { code: 'tn-phuong-phan-dinh-phung', name: 'Trung tâm Phục vụ hành chính công phường Phan Đình Phùng', kind: 'commune-desk', provinceCode: 'thai-nguyen', parentCode: PROVINCE_CENTRE, establishedOn: MERGER_DATE, agencyCode: '000.21.15.H55', deskLevel: 'commune' },
  { code: 'tn-xa-dai-phuc', name: 'Trung tâm Phục vụ hành chính công xã Đại Phúc', kind: 'commune-desk', provinceCode: 'thai-nguyen', parentCode: PROVINCE_CENTRE, establishedOn: '2019-01-01', agencyCode: '000.22.15.H55', deskLevel: 'commune' },
  { code: 'bk-xa-thanh-van', name: 'Bộ phận Một cửa xã Thanh Vận', kind: 'commune-desk', provinceCode: 'bac-kan', parentCode: 'bk-phuc-vu-hcc', establishedOn: '2019-01-01', agencyCode: '000.23.15.H55', deskLevel: 'commune' },
  { code: 'tn-diem-tiep-nhan-quan-trieu', name: 'Điểm tiếp nhận Quan Triều', kind: 'receipt-point', provinceCode: 'thai-nguyen', parentCode: 'tn-phuong-phan-dinh-phung', establishedOn: MERGER_DATE, deskLevel: 'commune' },
];

/** The 2025 reorganisation: dissolutions with successors, a commune moved into the merged province and renamed. */
export const MERGER = {
  dissolved: [
    { code: 'bk-phuc-vu-hcc', successorCode: PROVINCE_CENTRE, reason: 'Resolution 202/2025/QH15: Bắc Kạn merged into Thái Nguyên' },
    { code: 'tn-phuong-trung-vuong', successorCode: 'tn-phuong-phan-dinh-phung', reason: 'Wards merged under Law 72/2025/QH15' },
    { code: 'tn-phuong-hoang-van-thu', successorCode: 'tn-phuong-phan-dinh-phung', reason: 'Wards merged under Law 72/2025/QH15' },
  ],
  reattached: { code: 'bk-xa-thanh-van', provinceCode: 'thai-nguyen', parentCode: PROVINCE_CENTRE },
  renamed: { code: 'bk-xa-thanh-van', name: 'Trung tâm Phục vụ hành chính công xã Thanh Vận' },
} as const;

/** Units that receive dossiers in the demo period. */
export const ACTIVE_DESKS = [PROVINCE_CENTRE, 'tn-phuong-phan-dinh-phung', 'tn-xa-dai-phuc', 'bk-xa-thanh-van'] as const;

export interface DemoOfficer {
  readonly officerId: string;
  readonly unitId: string;
  readonly role: OfficerRole;
  readonly legalStatus: LegalStatus;
  readonly secondingAgencyId: string;
  readonly fields: readonly string[];
}

const shortName = (unitId: string) => unitId.replace(/^(tn|bk)-/, '');

const staffFor = (unitId: string, seconding: string, roles: readonly [OfficerRole, LegalStatus, number][]): DemoOfficer[] =>
  roles.flatMap(([role, legalStatus, count]) =>
    Array.from({ length: count }, (_, index) => ({
      officerId: `officer-${shortName(unitId)}-${role}-${index + 1}`,
      unitId,
      role,
      legalStatus,
      secondingAgencyId: seconding,
      fields: role === 'processing-officer' || role === 'approver' ? ['Hộ tịch', 'Đất đai', 'Lý lịch tư pháp'] : [],
    })),
  );

export const OFFICERS: readonly DemoOfficer[] = [
  ...staffFor(PROVINCE_CENTRE, 'so-tu-phap-thai-nguyen', [
    ['desk-head', 'civil-servant', 1],
    ['deputy-desk-head', 'civil-servant', 1],
    ['receiving-officer', 'civil-servant', 3],
    ['processing-officer', 'civil-servant', 2],
    ['approver', 'civil-servant', 1],
    ['standby', 'public-employee', 1],
    ['it-staff', 'public-employee', 1],
    ['support-staff', 'contract', 1],
  ]),
  ...ACTIVE_DESKS.slice(1).flatMap((unitId) =>
    staffFor(unitId, `ubnd-${shortName(unitId)}`, [
      ['desk-head', 'cadre', 1],
      ['receiving-officer', 'civil-servant', 2],
      ['processing-officer', 'civil-servant', 1],
      ['approver', 'cadre', 1],
    ]),
  ),
];

export const officersOf = (unitId: string, role: OfficerRole): readonly DemoOfficer[] =>
  OFFICERS.filter((officer) => officer.unitId === unitId && officer.role === role);
