import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuthError, type TokenVerifier } from '../auth.js';
import { isPlainObject, principalOf, sendProblem } from '../http-helpers.js';
import { httpProblems, type Problem } from '../problem.js';
import { anyParameter } from '../query-parameters.js';
import { isDeviceCredential, type DeviceCredentials } from './credentials.js';

/**
 * Bearer tokens first tried as device credentials (`mcd_…`), then as JWTs: a revoked or unknown device
 * is refused like a bad token (401).
 */
export const withDeviceCredentials = (verifyToken: TokenVerifier, devices: DeviceCredentials): TokenVerifier => async (authorization) => {
  const match = /^Bearer (mcd_\S+)$/i.exec(authorization ?? '');
  if (match === null || !isDeviceCredential(match[1] as string)) return verifyToken(authorization);
  const principal = await devices.principalOf(match[1] as string);
  if (principal === undefined) throw new AuthError('the device credential is not valid or was revoked');
  return principal;
};

const LABEL = /^[\p{L}\p{N} .,:#()/-]{1,100}$/u;

/** `POST /devices`, `GET /devices`, `DELETE /devices/{deviceId}`: the system role of a province (docs/device-ratings.md). */
export const registerDeviceRoutes = (app: FastifyInstance, devices: DeviceCredentials): void => {
  /** The 403 for any role but the system, else the 400 for a query parameter (these routes take none). */
  const refusal = (request: FastifyRequest): Problem | undefined => {
    const { role } = principalOf(request);
    if (role !== 'system') return httpProblems.forbidden(`a ${role} may not manage devices; the system role does`);
    return anyParameter(request.query);
  };

  app.post('/devices', async (request, reply) => {
    const denied = refusal(request);
    if (denied !== undefined) return sendProblem(reply, denied);
    const principal = principalOf(request);
    const body = request.body;
    if (!isPlainObject(body)) return sendProblem(reply, httpProblems.badRequest('the body must be a JSON object { unitId, label? }'));
    const extra = Object.keys(body).find((key) => key !== 'unitId' && key !== 'label');
    if (extra !== undefined) return sendProblem(reply, httpProblems.invalidInput(extra, 'unknown', 'is not a field of a device (unitId, label)'));
    const { unitId, label } = body;
    if (typeof unitId !== 'string' || !/^[A-Za-z0-9][\w.-]{0,99}$/.test(unitId)) return sendProblem(reply, httpProblems.invalidInput('unitId', 'unitId', 'must be the code of the unit the device stands in'));
    if (label !== undefined && (typeof label !== 'string' || !LABEL.test(label))) {
      return sendProblem(reply, httpProblems.invalidInput('label', 'label', 'must be 1 to 100 letters, digits, spaces or . , : # ( ) / -'));
    }
    const issued = await devices.issue(principal.tenantId, unitId, label);
    reply.code(201).header('cache-control', 'no-store').header('location', `${app.prefix}/devices/${issued.device.deviceId}`);
    return { ...issued.device, credential: issued.credential };
  });

  app.get('/devices', async (request, reply) => {
    const denied = refusal(request);
    if (denied !== undefined) return sendProblem(reply, denied);
    const principal = principalOf(request);
    return { items: await devices.list(principal.tenantId) };
  });

  app.delete('/devices/:deviceId', async (request, reply) => {
    const denied = refusal(request);
    if (denied !== undefined) return sendProblem(reply, denied);
    const principal = principalOf(request);
    const deviceId = (request.params as { deviceId?: string }).deviceId ?? '';
    if (!(await devices.revoke(principal.tenantId, deviceId))) return sendProblem(reply, httpProblems.notFound(`device ${deviceId} does not exist or is already revoked`));
    return reply.code(204).send();
  });
};
