import { createDesk, headPositionOf, InMemoryEventStore, type ActorRole, type Desk, type EventStore } from '@motcua/core';
import { buildServer, issueDevelopmentToken, type HttpServerOptions } from '@motcua/http';

export const SECRET = 'motcua-test-secret-0123456789';
export const TENANT = 'thai-nguyen';
export const OTHER_TENANT = 'bac-ninh';
export const UNIT_A = 'tn-phuc-vu-hcc';
export const UNIT_B = 'tn-xa-dong-hy';
export const APPLICANT = 'subject-7f3a';

export const ROLES: readonly ActorRole[] = ['receptionist', 'processing-officer', 'unit-head', 'director', 'inspector', 'citizen', 'system'];

export interface TokenOptions {
  readonly tenantId?: string;
  readonly unitIds?: readonly string[];
  readonly subjectId?: string;
  readonly sub?: string;
}

export const tokenFor = (role: ActorRole, options: TokenOptions = {}): Promise<string> =>
  issueDevelopmentToken(
    SECRET,
    {
      sub: options.sub ?? `${role}-1`,
      role,
      tenantId: options.tenantId ?? TENANT,
      unitIds: options.unitIds ?? (role === 'citizen' ? [] : [UNIT_A]),
      ...(role === 'citizen' ? { subjectId: options.subjectId ?? APPLICANT } : {}),
    },
    '1h',
  );

export const bearer = async (role: ActorRole, options: TokenOptions = {}) => ({ authorization: `Bearer ${await tokenFor(role, options)}` });

export interface TestServer {
  readonly app: Awaited<ReturnType<typeof buildServer>>;
  readonly desk: Desk;
  readonly store: EventStore;
}

export const startTestServer = async (
  options: Partial<Omit<HttpServerOptions, 'desk'>> & {
    readonly store?: EventStore;
    /**
     * Default `'unchecked'`: these suites are about HTTP, access and provinces, and name officers and units
     * freely; `tests/http/references.test.ts` runs the desk's own lookup over HTTP.
     */
    readonly references?: 'checked' | 'unchecked';
  } = {},
): Promise<TestServer> => {
  const store = options.store ?? new InMemoryEventStore();
  const desk = createDesk({ store, ...(options.references === 'checked' ? {} : { references: 'unchecked' as const }) });
  const app = await buildServer({ auth: { hs256Secret: SECRET }, ...options, desk });
  return { app, desk, store };
};

export const head = (store: EventStore): Promise<number> => headPositionOf(store);

export const vn = (local: string): string => `${local}:00+07:00`;

export const dossierCode = (n: number): string => `000.00.15.H55-260302-${String(n).padStart(4, '0')}`;

export const receiveBody = (code: string, extra: Record<string, unknown> = {}) => ({
  dossierCode: code,
  occurredAt: vn('2026-03-02T09:00'),
  receivingUnitId: UNIT_A,
  procedureCode: '1.000894',
  channel: 'counter',
  applicantId: APPLICANT,
  priorityGroup: 'none',
  documents: ['Tờ khai đăng ký kết hôn (theo mẫu)'],
  feeDong: 0,
  officerId: 'officer-lan',
  ...extra,
});

/** One entity of each stream in `UNIT_A`, concerning `APPLICANT` where a citizen is involved. */
export const seedEntities = {
  dossier: { path: '/dossiers', body: receiveBody(dossierCode(1)), id: dossierCode(1) },
  officer: {
    path: '/officers',
    id: 'OF-0042',
    body: {
      officerId: 'OF-0042', unitId: UNIT_A, deskLevel: 'province', role: 'receiving-officer', fields: ['civil-status'],
      effectiveDate: '2025-07-01', termEndDate: '2026-06-30', legalStatus: 'civil-servant', secondingAgencyId: 'TN-SO-TU-PHAP',
      occurredAt: vn('2025-06-25T09:00'),
    },
  },
  incident: {
    path: '/incidents',
    id: 'INC-1',
    body: {
      incidentId: 'INC-1', source: 'hotline', category: 'C03', officerId: 'OF-0042', unitId: UNIT_A,
      description: 'Asked for an extra payment.', reporterId: APPLICANT, occurredAt: vn('2025-08-29T10:00'),
    },
  },
  feedback: {
    path: '/feedback',
    id: 'FB-1',
    body: {
      feedbackId: 'FB-1', channel: 'in-person', kind: 'khieu-nai', summary: 'A document not on the published list was asked for.',
      subjectId: APPLICANT, unitId: UNIT_A, occurredAt: vn('2025-04-29T14:00'),
    },
  },
  unit: {
    path: '/units',
    id: UNIT_A,
    body: { code: UNIT_A, name: 'Trung tâm Phục vụ hành chính công', kind: 'province-centre', provinceCode: '19', effectiveDate: '2025-07-01', occurredAt: vn('2025-06-30T09:00') },
  },
} as const;

/** Creates `seedEntities` in `tenantId` as the system role; fails loudly when one is refused. */
export const seed = async (server: TestServer, tenantId = TENANT): Promise<void> => {
  const headers = { ...(await bearer('system', { tenantId })), 'content-type': 'application/json' };
  for (const [name, entity] of Object.entries(seedEntities)) {
    const response = await server.app.inject({ method: 'POST', url: entity.path, headers, payload: JSON.stringify(entity.body) });
    if (response.statusCode !== 201) throw new Error(`seeding ${name}: ${response.statusCode} ${response.body}`);
  }
};
