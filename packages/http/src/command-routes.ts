import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessDenied, CorrelationId, decode, invalidInput, isLeft, right, type CommandContext, type DomainError, type CommandResult, type Desk, type DomainEvent, type ExpectedVersion } from '@motcua/core';
import { accessOf, commandDenial } from './access.js';
import { decisionModeOf } from './decision-mode.js';
import {
  etag,
  isPlainObject,
  isValidIdempotencyKey,
  parseVersionTag,
  principalOf,
  sendProblem,
} from './http-helpers.js';
import { idempotencyScope } from './idempotency-scope.js';
import { domainProblem, httpProblems, withArticle, type Problem } from './problem.js';
import type { CommandRoute } from './route-table.js';

/** What a command returns: the events appended (or replayed), the new state and version. */
const resultBody = (result: CommandResult<DomainEvent, unknown>) => {
  const last = result.events.at(-1);
  return {
    streamId: result.streamId,
    // The version right after this command's events, so a replay answers exactly as the first call.
    version: last?.metadata.streamVersion ?? result.version,
    events: result.events.map((event) => ({
      type: event.type,
      data: event.data,
      eventId: event.metadata.eventId,
      streamVersion: event.metadata.streamVersion,
      globalPosition: event.metadata.globalPosition,
    })),
    state: result.state,
  };
};

type Params = Record<string, string | undefined>;

/** The body is the command's `data`: issues name its fields as the caller wrote them. */
const asBodyError = (error: DomainError): DomainError => {
  if (error._tag !== 'InvalidInput') return error;
  const issues = error.issues.map((issue) => ({
    ...issue,
    field: issue.field === 'data' ? '' : issue.field.startsWith('data.') ? issue.field.slice(5) : issue.field,
  }));
  return invalidInput(issues);
};

/**
 * `POST /<collection>` makes an entity: sent for one the stream already holds (a dossier code already
 * received), it is a conflict, not a rule the command broke. Checked after access, so a caller who may
 * not see the entity learns nothing of it; an idempotent retry is answered before (the first response).
 */
const existing = (route: CommandRoute, loaded: { readonly version: number; readonly state: unknown }, id: string): Problem | undefined =>
  !route.idInPath && loaded.version > 0 && route.stream.exists?.(loaded.state) === true
    ? httpProblems.alreadyExists(`${route.stream.collection} ${id} already exists: send its further commands to /${route.stream.collection}/${encodeURIComponent(id)}/…`)
    : undefined;

export const registerCommandRoutes = (app: FastifyInstance, desk: Desk, routes: readonly CommandRoute[]): void => {
  for (const route of routes) {
    const api = desk[route.stream.key];
    const { idField, idParam } = route.stream;
    app.post(route.fastifyPath, async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = principalOf(request);
      if (!route.roles.includes(principal.role)) {
        return sendProblem(reply, httpProblems.forbidden(`${withArticle(principal.role)} may not send ${route.commandType}`));
      }
      const body: unknown = request.body;
      if (!isPlainObject(body)) return sendProblem(reply, httpProblems.invalidInput('', 'object', 'the body must be a JSON object'));
      let data: Record<string, unknown> = body;
      if (route.idInPath) {
        const id = (request.params as Params)[idParam] ?? '';
        if (body[idField] !== undefined && body[idField] !== id) {
          return sendProblem(reply, httpProblems.invalidInput(idField, 'matches-path', `must be the ${idParam} of the path (${id}) or left out`));
        }
        data = { ...body, [idField]: id };
      }
      const command = { type: route.commandType, data };
      const decision = decisionModeOf(request.query);
      if ('problem' in decision) return sendProblem(reply, decision.problem);
      // The command handler decodes the command first: a bad body is a 400 before any read.
      const id = typeof data[idField] === 'string' ? data[idField] : '';

      const idempotencyHeader = request.headers['idempotency-key'];
      if (idempotencyHeader !== undefined && (typeof idempotencyHeader !== 'string' || !isValidIdempotencyKey(idempotencyHeader))) {
        return sendProblem(reply, httpProblems.badRequest('Idempotency-Key must be 1 to 200 printable ASCII characters, sent once'));
      }
      const idempotencyKey = idempotencyHeader === undefined ? undefined : idempotencyScope(principal.tenantId, principal.sub, idempotencyHeader);
      const ifMatchHeader = request.headers['if-match'];
      let expectedVersion: ExpectedVersion | undefined;
      if (ifMatchHeader !== undefined) {
        const version = typeof ifMatchHeader === 'string' ? parseVersionTag(ifMatchHeader) : undefined;
        if (version === undefined) return sendProblem(reply, httpProblems.badRequest('If-Match must be one ETag such as "3"'));
        expectedVersion = version === 0 ? 'no-stream' : version;
      }

      // The caller's province names the stream: another province's same id is another stream.
      const streamId = id === '' ? undefined : api.streamId(principal.tenantId, id);
      // Checked by the command handler on the stream it loads (again on each retry), so access is
      // decided on exactly the events the command is decided on, with one read of the stream.
      let denial: Problem | undefined;
      const authorize: NonNullable<CommandContext['authorize']> = (loaded) => {
        denial =
          !route.mayStartStream && loaded.version === 0
            ? httpProblems.notFound(`${route.stream.collection} ${id} does not exist`)
            : (commandDenial(principal, route, accessOf(route.stream, loaded), loaded.command, id) ?? existing(route, loaded, id));
        return denial === undefined ? undefined : accessDenied(denial.detail ?? denial.title);
      };

      // Kept in every event's metadata for good: an opaque id, never personal data (docs/personal-data.md).
      const correlation = request.headers['x-correlation-id'];
      // Without the header, the request id (X-Request-Id or the server's own) when it is opaque, else the desk's own id.
      const correlationId = correlation === undefined ? right(CorrelationId.is(request.id) ? request.id : undefined) : decode(CorrelationId, correlation);
      if (isLeft(correlationId)) {
        const message = Array.isArray(correlation) ? 'must be sent once' : correlationId.left.issues.map((issue) => issue.message).join('; ');
        return sendProblem(reply, httpProblems.invalidInput('X-Correlation-Id', 'CorrelationId', message));
      }
      const context: CommandContext = {
        actor: { id: principal.sub, role: principal.role },
        tenantId: principal.tenantId,
        ...(correlationId.right === undefined ? {} : { correlationId: correlationId.right }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        ...(expectedVersion === undefined ? {} : { expectedVersion }),
        authorize,
        mode: decision.mode,
      };
      const result = await api.handle(command, context);
      const who = { command: route.commandType, streamId, actor: principal.sub, role: principal.role, tenantId: principal.tenantId };
      if (isLeft(result)) {
        if (result.left._tag === 'AccessDenied' && denial !== undefined) return sendProblem(reply, denial);
        if (result.left._tag === 'VersionConflict') reply.header('etag', etag(result.left.actual));
        request.log.info({ ...who, code: result.left.code }, 'command refused');
        return sendProblem(reply, domainProblem(asBodyError(result.left), expectedVersion !== undefined));
      }
      const responseBody = resultBody(result.right as CommandResult<DomainEvent, unknown>);
      request.log.info({ ...who, version: responseBody.version, events: responseBody.events.length, replayed: result.right.replayed }, 'command applied');
      reply.header('etag', etag(responseBody.version));
      if (result.right.replayed) reply.header('idempotent-replayed', 'true');
      if (!route.idInPath) {
        reply.header('location', `${app.prefix}/${route.stream.collection}/${encodeURIComponent(id)}`);
        reply.code(201);
      }
      return responseBody;
    });
  }
};
