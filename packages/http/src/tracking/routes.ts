import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isTenantId, type Desk } from '@motcua/core';
import { readDenial, accessOf } from '../access.js';
import { principalOf, sendProblem } from '../http-helpers.js';
import { httpProblems, problem, type Problem } from '../problem.js';
import { accept, anyParameter, oneOf, readQuery, refuse, single } from '../query-parameters.js';
import { STREAM_ROUTES } from '../route-table.js';
import { trackingAnswer } from './answer.js';
import { linkTokenProvince, namedProvince } from './failure-key.js';
import { GuessBudget } from './guess-budget.js';
import { resolveTracking, type ResolvedTracking, type TrackingOptions } from './options.js';
import { FixedWindowLimiter } from './rate-limit.js';
import { checkLinkToken, pinMatches, provinceOfPin, trackingLinkToken, trackingPin } from './tracking-secret.js';
import { EXPIRED_WORDS, languageOf, NOT_FOUND_WORDS, type TrackingLanguage } from './words.js';

/** A dossier code as the desk writes it; anything else is a lookup that cannot succeed. */
const CODE = /^[\w.\-/]{1,100}$/;

/** The one answer for an unknown code, a wrong PIN and a link that is not ours: nothing tells them apart. */
const notFound = (lang: TrackingLanguage): Problem => problem(404, 'TRACKING_NOT_FOUND', 'Not found', NOT_FOUND_WORDS[lang]);

const tooMany = (reply: FastifyReply, waitMs: number): FastifyReply => {
  reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
  return sendProblem(reply, problem(429, 'TOO_MANY_REQUESTS', 'Too many requests', 'too many tracking lookups; try again after the time in Retry-After'));
};

/** The receipt's PIN or the signed link's token `t`, the province the PIN is of, and `lang` (default from Accept-Language, else Vietnamese). */
export const TRACKING_QUERY = {
  pin: single({ maxLength: 100, schema: { type: 'string', pattern: '^\\d{8}$' }, example: '40718236' }),
  t: single({ maxLength: 1000, description: 'Signed link token `<province>.<expiry>.<mac>`' }),
  province: single({
    maxLength: 63,
    read: (text) => (isTenantId(text) ? accept(text) : refuse('province', 'must be a province id')),
    schema: { type: 'string', maxLength: 63 },
    example: 'thai-nguyen',
    description:
      "The province whose dossier the PIN is of (a province's portal names its own). Failed lookups are counted per province and code; a PIN without a province, on a server of several provinces, is tried against each province whose count for the code has room, and counts against each of them.",
  }),
  lang: oneOf(['vi', 'en'] as const, { rule: 'oneOf' }),
};

/** The link and PIN printed on a receipt (form 01) for dossier `code` in `tenantId`; `base` is the prefix the routes are served under, if any. */
export const receiptTracking = (tracking: ResolvedTracking, tenantId: string, code: string, base = '') => {
  const secret = tracking.secrets.get(tenantId);
  if (secret === undefined) return undefined;
  const expiresAt = Math.floor(tracking.now() / 1000) + tracking.linkTtlSeconds;
  const link = `${tracking.publicBaseUrl}${base}/track/${encodeURIComponent(code)}?t=${trackingLinkToken(secret, tenantId, code, expiresAt)}`;
  return { code, pin: trackingPin(secret, tenantId, code), link, qrPayload: link, linkExpiresAt: new Date(expiresAt * 1000).toISOString() };
};

/**
 * `GET /track/{code}` (public: the receipt's PIN or a signed link) and `GET /dossiers/{code}/receipt`
 * (staff, within the province and their units): docs/tracking.md.
 */
export const registerTrackingRoutes = (app: FastifyInstance, desk: Desk, options: TrackingOptions): void => {
  const tracking = resolveTracking(options);
  const perClient = new FixedWindowLimiter(tracking.perClient, tracking.now);
  const guesses = new GuessBudget(new FixedWindowLimiter(tracking.perCode, tracking.now));
  const anyProvince = [...tracking.secrets.keys()][0] as string;
  const dossiers = STREAM_ROUTES.find((stream) => stream.key === 'dossiers');
  if (dossiers === undefined) throw new Error('no dossier routes');

  // The receipt's answer (`ReceiveDossier`) carries what form 01 prints: the PIN and the QR link.
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // The route's path as registered, the prefix the routes are served under included.
    const url = request.routeOptions.url?.slice(app.prefix.length);
    if (request.method !== 'POST' || reply.statusCode >= 300 || (url !== '/dossiers' && url !== '/dossiers/:code/receipt')) return payload;
    const events = (payload as { events?: readonly { type?: unknown; data?: { dossierCode?: unknown } }[] } | null)?.events;
    const code = events?.find((event) => event.type === 'DossierReceived')?.data?.dossierCode;
    if (typeof code !== 'string') return payload;
    const issued = receiptTracking(tracking, principalOf(request).tenantId, code, app.prefix);
    return issued === undefined ? payload : { ...(payload as object), tracking: issued };
  });

  app.get('/track/:code', { config: { public: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store').header('vary', 'accept-language');
    // A link shared through an app may come back with the app's own parameters: those are ignored.
    const parsed = readQuery(request.query, TRACKING_QUERY, { of: 'a tracking lookup', others: 'ignore' });
    if ('problem' in parsed) return sendProblem(reply, parsed.problem);
    const query = parsed.values;
    const lang = languageOf(query.lang, request.headers['accept-language']);
    const header = request.headers['x-tracking-pin'];
    const pin = query.pin ?? (typeof header === 'string' ? header : undefined);
    const token = query.t;
    if ((pin === undefined) === (token === undefined)) {
      return sendProblem(reply, httpProblems.badRequest('give the PIN of the receipt (pin, or the X-Tracking-PIN header) or the signed link (t), one of them'));
    }
    const clientWait = perClient.hit(request.ip);
    if (clientWait > 0) return tooMany(reply, clientWait);
    const code = (request.params as { code?: string }).code ?? '';
    // Codes are unique within a province only: a lookup counts against the province it names, or,
    // naming none, against every province it is checked against.
    const named = namedProvince({ linkProvince: linkTokenProvince(token), province: query.province, served: tracking.secrets });
    const admitted = guesses.admit(named === undefined ? [...tracking.secrets.keys()] : [named], code);
    if ('waitMs' in admitted) return tooMany(reply, admitted.waitMs);

    const valid = CODE.test(code);
    let tenantId: string | undefined;
    if (token !== undefined) {
      const check = checkLinkToken(tracking.secrets, code, token, Math.floor(tracking.now() / 1000));
      const agrees = check.kind !== 'invalid' && (query.province === undefined || query.province === check.tenantId);
      if (agrees && check.kind === 'expired') {
        admitted.succeeded();
        return sendProblem(reply, problem(410, 'TRACKING_LINK_EXPIRED', 'Gone', EXPIRED_WORDS[lang]));
      }
      if (agrees && check.kind === 'valid') tenantId = check.tenantId;
    } else if (pin !== undefined && named !== undefined) {
      const secret = tracking.secrets.get(named);
      tenantId = secret !== undefined && pinMatches(secret, named, code, pin) ? named : undefined;
    } else if (pin !== undefined) {
      const open = new Map([...tracking.secrets].filter(([province]) => admitted.provinces.includes(province)));
      tenantId = provinceOfPin(open, code, pin);
    }
    // The store is read whether or not the PIN matched, so a wrong PIN takes as long as an unknown code.
    const loaded = valid ? await desk.dossiers.load(tenantId ?? anyProvince, code) : undefined;
    // A failed lookup keeps the counts it was admitted with.
    if (tenantId === undefined || loaded === undefined || loaded.version === 0) return sendProblem(reply, notFound(lang));
    admitted.succeeded();
    reply.header('content-language', lang);
    return trackingAnswer(code, loaded.state, loaded.events, lang);
  });

  app.get('/dossiers/:code/receipt', async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = principalOf(request);
    const code = (request.params as { code?: string }).code ?? '';
    const unexpected = anyParameter(request.query);
    if (unexpected !== undefined) return sendProblem(reply, unexpected);
    const loaded = await desk.dossiers.load(principal.tenantId, code);
    const denial = readDenial(principal, dossiers, accessOf(dossiers, loaded), code);
    if (denial !== undefined) return sendProblem(reply, denial);
    const issued = receiptTracking(tracking, principal.tenantId, code, app.prefix);
    if (issued === undefined) return sendProblem(reply, httpProblems.unavailable(`no tracking secret is configured for province ${principal.tenantId}`));
    reply.header('cache-control', 'private, no-store');
    return issued;
  });
};
