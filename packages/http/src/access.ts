import {
  dossierStream,
  feedbackStream,
  incidentStream,
  officerStream,
  unitStream,
  type ActorRole,
  type CommandClaims,
  type DomainEvent,
  type RecordedEvent,
  type StreamScope,
} from '@motcua/core';
import type { Principal } from './auth.js';
import { httpProblems, withArticle, type Problem } from './problem.js';
import type { CommandRoute, StreamKey, StreamRoutes } from './route-table.js';

/** What authorization needs to know about one stream, read from its typed state. */
export interface StreamAccess extends StreamScope {
  readonly version: number;
  /** Province of the stream: the tenant of its first event. */
  readonly tenantId?: string;
}

/**
 * Each stream's own reading of its state and commands. The state and command handed in were folded
 * and decoded by that stream's decider and codec, which is what makes the parameter types safe to drop.
 */
interface ScopeReader {
  readonly accessOf: (state: never) => StreamScope;
  readonly claimsOf: (command: never) => CommandClaims;
}
const READERS: Readonly<Record<StreamKey, ScopeReader>> = {
  dossiers: dossierStream,
  officers: officerStream,
  incidents: incidentStream,
  feedback: feedbackStream,
  units: unitStream,
};

export interface LoadedStream {
  readonly state: unknown;
  readonly events: readonly RecordedEvent[];
  readonly version: number;
}

export const accessOf = (stream: StreamRoutes, { state, events, version }: LoadedStream): StreamAccess => {
  const scope = (READERS[stream.key].accessOf as (state: unknown) => StreamScope)(state);
  const tenantId = events[0]?.metadata.tenantId;
  return { version, ...(tenantId === undefined ? {} : { tenantId }), ...scope };
};

const claimsOf = (stream: StreamRoutes, command: DomainEvent): CommandClaims =>
  (READERS[stream.key].claimsOf as (command: DomainEvent) => CommandClaims)(command);

const TENANT_WIDE = new Set(['director', 'inspector', 'system']);
// A device (counter tablet, kiosk) acts for the one unit its credential names (docs/device-ratings.md).
const UNIT_SCOPED = new Set(['receptionist', 'processing-officer', 'unit-head', 'device']);

/** Which entities of `stream` `role` may read: the province's, its own units', a citizen's own, or none (as `readDenial` decides). */
export const streamReadScope = (role: ActorRole, stream: Pick<StreamRoutes, 'readRoles' | 'key'>): 'province' | 'own-units' | 'own' | 'none' => {
  if (!stream.readRoles.includes(role)) return 'none';
  if (TENANT_WIDE.has(role) || stream.key === 'units') return 'province';
  return role === 'citizen' ? 'own' : 'own-units';
};

/**
 * Tenant first: another province's entity is reported as missing (404), so its existence does not
 * leak. Then the role's scope: the whole province (director, inspector, system), the caller's units,
 * or, for a citizen, their own dossiers and feedback. Entities without a unit yet (guidance only,
 * feedback about no unit) are visible to the province's unit staff.
 */
export const readDenial = (principal: Principal, stream: StreamRoutes, access: StreamAccess, id: string): Problem | undefined => {
  if (!stream.readRoles.includes(principal.role)) return httpProblems.forbidden(`${withArticle(principal.role)} may not read ${stream.collection}`);
  if (access.version === 0 || access.tenantId !== principal.tenantId) return notFound(stream, id);
  if (TENANT_WIDE.has(principal.role) || stream.key === 'units') return undefined;
  if (principal.role === 'citizen') {
    return access.subjectIds.includes(principal.subjectId) ? undefined : httpProblems.forbidden(`this ${singular(stream)} is not yours`);
  }
  if (access.unitId === undefined || principal.unitIds.includes(access.unitId)) return undefined;
  return httpProblems.forbidden(`${singular(stream)} ${id} belongs to unit ${access.unitId}, outside your units`);
};

/** The same rules for a command, plus the units and citizens the decoded command names. */
export const commandDenial = (
  principal: Principal,
  route: CommandRoute,
  access: StreamAccess,
  command: DomainEvent,
  id: string,
): Problem | undefined => {
  const { stream } = route;
  if (!route.roles.includes(principal.role)) return httpProblems.forbidden(`${withArticle(principal.role)} may not send ${route.commandType}`);
  if (access.version > 0 && access.tenantId !== principal.tenantId) return notFound(stream, id);
  if (TENANT_WIDE.has(principal.role)) return undefined;
  const claims = claimsOf(stream, command);
  if (principal.role === 'citizen') {
    const own = principal.subjectId;
    if (access.version > 0 && !access.subjectIds.includes(own)) return httpProblems.forbidden(`this ${singular(stream)} is not yours`);
    const other = claims.subjectIds.find((subject) => subject !== own);
    if (other !== undefined) return httpProblems.forbidden(`a citizen may only name themself (${own}), not ${other}`);
    if (access.version === 0 && !claims.subjectIds.includes(own)) {
      return httpProblems.forbidden(`a citizen must name themself (${stream.key === 'feedback' ? 'subjectId' : 'applicantId'})`);
    }
    return undefined;
  }
  if (!UNIT_SCOPED.has(principal.role)) return httpProblems.forbidden(`${withArticle(principal.role)} may not send ${route.commandType}`);
  if (principal.role === 'device' && (command.data as { channel?: unknown }).channel !== 'counter-device') {
    return httpProblems.forbidden('a device records ratings through the channel counter-device');
  }
  if (access.unitId !== undefined && !principal.unitIds.includes(access.unitId)) {
    return httpProblems.forbidden(`${singular(stream)} ${id} belongs to unit ${access.unitId}, outside your units`);
  }
  const outside = claims.unitIds.find((unit) => !principal.unitIds.includes(unit));
  if (outside !== undefined) return httpProblems.forbidden(`unit ${outside} is outside your units`);
  return undefined;
};

const singular = (stream: StreamRoutes): string => (stream.key === 'feedback' ? 'feedback' : stream.collection.slice(0, -1));

const notFound = (stream: StreamRoutes, id: string): Problem => httpProblems.notFound(`${singular(stream)} ${id} does not exist`);
