import type { RecordedEvent } from '@motcua/core';
import type { Principal } from './auth.js';
import { httpProblems, type Problem } from './problem.js';
import type { CommandRoute, StreamRoutes } from './route-table.js';

/** What authorization needs to know about one stream, read from its events. */
export interface StreamAccess {
  readonly version: number;
  /** Province of the stream: the tenant of its first event. */
  readonly tenantId?: string;
  /** The unit the entity belongs to now (receiving unit, assignment, incident or feedback unit). */
  readonly unitId?: string;
  /** Citizens the entity concerns (applicant, feedback author, reporter). */
  readonly subjectIds: readonly string[];
}

const UNIT_FIELDS = ['receivingUnitId', 'unitId'] as const;
const SUBJECT_FIELDS = ['applicantId', 'subjectId', 'reporterId', 'requestedBy'] as const;

export const accessOf = (events: readonly RecordedEvent[], version: number, stream: StreamRoutes, id: string): StreamAccess => {
  let unitId: string | undefined = stream.key === 'units' ? id : undefined;
  const subjectIds = new Set<string>();
  for (const event of events) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    if (stream.key !== 'units') {
      for (const field of UNIT_FIELDS) if (typeof data[field] === 'string') unitId = data[field];
    }
    for (const field of SUBJECT_FIELDS) if (typeof data[field] === 'string') subjectIds.add(data[field]);
  }
  const tenantId = events[0]?.metadata.tenantId;
  return { version, ...(tenantId === undefined ? {} : { tenantId }), ...(unitId === undefined ? {} : { unitId }), subjectIds: [...subjectIds] };
};

const TENANT_WIDE = new Set(['director', 'inspector', 'system']);
const UNIT_SCOPED = new Set(['receptionist', 'processing-officer', 'unit-head']);

/**
 * Tenant first: another province's entity is reported as missing (404), so its existence does not
 * leak. Then the role's scope: the whole province (director, inspector, system), the caller's units,
 * or, for a citizen, their own dossiers and feedback. Entities without a unit yet (guidance only,
 * feedback about no unit) are visible to the province's unit staff.
 */
export const readDenial = (principal: Principal, stream: StreamRoutes, access: StreamAccess, id: string): Problem | undefined => {
  if (!stream.readRoles.includes(principal.role)) return httpProblems.forbidden(`a ${principal.role} may not read ${stream.collection}`);
  if (access.version === 0 || access.tenantId !== principal.tenantId) return notFound(stream, id);
  if (TENANT_WIDE.has(principal.role) || stream.key === 'units') return undefined;
  if (principal.role === 'citizen') {
    return access.subjectIds.includes(principal.subjectId) ? undefined : httpProblems.forbidden(`this ${singular(stream)} is not yours`);
  }
  if (access.unitId === undefined || principal.unitIds.includes(access.unitId)) return undefined;
  return httpProblems.forbidden(`${singular(stream)} ${id} belongs to unit ${access.unitId}, outside your units`);
};

/** The same rules for a command, plus the unit and subject the command's data names. */
export const commandDenial = (
  principal: Principal,
  route: CommandRoute,
  access: StreamAccess,
  data: Readonly<Record<string, unknown>>,
  id: string,
): Problem | undefined => {
  const { stream } = route;
  if (!route.roles.includes(principal.role)) return httpProblems.forbidden(`a ${principal.role} may not send ${route.commandType}`);
  if (access.version > 0 && access.tenantId !== principal.tenantId) return notFound(stream, id);
  if (TENANT_WIDE.has(principal.role)) return undefined;
  if (principal.role === 'citizen') {
    const own = principal.subjectId;
    if (access.version > 0 && !access.subjectIds.includes(own)) return httpProblems.forbidden(`this ${singular(stream)} is not yours`);
    for (const field of SUBJECT_FIELDS) {
      if (data[field] !== undefined && data[field] !== own) return httpProblems.forbidden(`a citizen may only send ${field} ${own}`);
    }
    if (access.version === 0 && !SUBJECT_FIELDS.some((field) => data[field] === own)) {
      return httpProblems.forbidden(`a citizen must name themself (${stream.key === 'feedback' ? 'subjectId' : 'applicantId'})`);
    }
    return undefined;
  }
  if (!UNIT_SCOPED.has(principal.role)) return httpProblems.forbidden(`a ${principal.role} may not send ${route.commandType}`);
  if (access.unitId !== undefined && !principal.unitIds.includes(access.unitId)) {
    return httpProblems.forbidden(`${singular(stream)} ${id} belongs to unit ${access.unitId}, outside your units`);
  }
  for (const field of UNIT_FIELDS) {
    const unit = data[field];
    if (typeof unit === 'string' && !principal.unitIds.includes(unit)) return httpProblems.forbidden(`${field} ${unit} is outside your units`);
  }
  return undefined;
};

const singular = (stream: StreamRoutes): string => (stream.key === 'feedback' ? 'feedback' : stream.collection.slice(0, -1));

const notFound = (stream: StreamRoutes, id: string): Problem => httpProblems.notFound(`${singular(stream)} ${id} does not exist`);
