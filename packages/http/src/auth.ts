import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ActorId, decode, isLeft, t, TenantId, type ActorRole } from '@motcua/core';

/** Who calls: the verified claims of a bearer token. */
export interface Principal {
  readonly sub: string;
  readonly role: ActorRole;
  /** Province: every read and write stays inside it. */
  readonly tenantId: string;
  /** Units the caller acts for (receptionist, processing officer, unit head). */
  readonly unitIds: readonly string[];
  /** Opaque subject id of a citizen (`applicantId` of their dossiers); defaults to `sub`. */
  readonly subjectId: string;
}

export interface AuthOptions {
  /** HS256 shared secret (development, tests, a single trusted gateway). */
  readonly hs256Secret?: string;
  /**
   * The identity provider's keys for RS256/ES256 tokens: its JWKS URL (fetched and cached by jose),
   * a JWKS document, or a key resolver of your own.
   */
  readonly jwks?: string | URL | JSONWebKeySet | JWTVerifyGetKey;
  /** Required `iss` claim, when set. */
  readonly issuer?: string;
  /** Required `aud` claim, when set. */
  readonly audience?: string | readonly string[];
  /** Accepted clock skew for `exp`/`nbf`, in seconds; default 30. */
  readonly clockToleranceSeconds?: number;
}

/** Claims a token must carry, besides `sub` and `exp`. */
export interface TokenClaims {
  readonly sub: string;
  readonly role: ActorRole;
  readonly tenantId: string;
  readonly unitIds: readonly string[];
  readonly subjectId?: string;
}

const NonEmpty = new t.Type<string, string, unknown>(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) => (typeof u === 'string' && u.trim().length > 0 && u.length <= 200 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const Role = t.keyof({
  receptionist: null,
  'processing-officer': null,
  'unit-head': null,
  director: null,
  inspector: null,
  citizen: null,
  system: null,
});

const Claims = t.intersection([
  // The province names every stream the caller reaches: it must be a TenantId (docs/adr/0011-province-in-stream-ids.md).
  t.type({ sub: NonEmpty, role: Role, tenantId: TenantId }),
  t.partial({ unitIds: t.array(NonEmpty), subjectId: NonEmpty }),
]);

export class AuthError extends Error {}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

const MAX_CACHED_TOKENS = 10_000;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/** Builds the verifier of `Authorization: Bearer <jwt>`; throws `AuthError` for any bad token. */
export const createTokenVerifier = (options: AuthOptions): TokenVerifier => {
  const secret = options.hs256Secret === undefined ? undefined : new TextEncoder().encode(options.hs256Secret);
  if (secret !== undefined && secret.length < 16) throw new Error('auth.hs256Secret must be at least 16 bytes');
  const jwks = jwksResolver(options.jwks);
  if (secret === undefined && jwks === undefined) throw new Error('auth needs hs256Secret or jwks');
  const common = {
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: [...(typeof options.audience === 'string' ? [options.audience] : options.audience)] }),
    clockTolerance: options.clockToleranceSeconds ?? 30,
    requiredClaims: ['exp', 'sub'],
  };
  // Verified tokens, until they expire: a client sends the same token many times, and a signature
  // check per request would cost more than the rest of a read.
  const verified = new Map<string, { readonly principal: Principal; readonly expiresAtMs: number }>();
  return async (authorization) => {
    if (authorization === undefined || authorization === '') throw new AuthError('a bearer token is required');
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/i.exec(authorization);
    if (match === null) throw new AuthError('the Authorization header must be "Bearer <token>"');
    const token = match[1] as string;
    const known = verified.get(token);
    if (known !== undefined) {
      if (Date.now() < known.expiresAtMs) return known.principal;
      verified.delete(token);
    }
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new AuthError('the token is not a JWT');
    }
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && secret !== undefined) {
        payload = (await jwtVerify(token, secret, { ...common, algorithms: ['HS256'] })).payload;
      } else if (alg !== undefined && ASYMMETRIC.includes(alg) && jwks !== undefined) {
        payload = (await jwtVerify(token, jwks, { ...common, algorithms: ASYMMETRIC })).payload;
      } else {
        throw new AuthError(`tokens signed with ${alg ?? 'no algorithm'} are not accepted`);
      }
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError(describeJoseError(error));
    }
    const claims = Claims.decode(payload);
    if (isLeft(claims)) throw new AuthError('the token lacks a valid sub, role or tenantId claim (a province id such as thai-nguyen), or its unitIds are not strings');
    const { sub, role, tenantId, unitIds, subjectId } = claims.right;
    // `sub` is the actor id every event the caller appends keeps for good: never personal data (docs/personal-data.md).
    const actorId = decode(ActorId, sub);
    if (isLeft(actorId)) throw new AuthError(`the token's sub ${actorId.left.issues.map((issue) => issue.message).join('; ')}`);
    const principal: Principal = { sub, role, tenantId, unitIds: unitIds ?? [], subjectId: subjectId ?? sub };
    if (verified.size >= MAX_CACHED_TOKENS) verified.clear();
    // Without clock tolerance: a cached token is never used past its `exp`.
    verified.set(token, { principal, expiresAtMs: (payload.exp as number) * 1000 });
    return principal;
  };
};

const jwksResolver = (jwks: AuthOptions['jwks']): JWTVerifyGetKey | undefined => {
  if (jwks === undefined) return undefined;
  if (typeof jwks === 'function') return jwks;
  if (typeof jwks === 'string' || jwks instanceof URL) return createRemoteJWKSet(new URL(jwks));
  return createLocalJWKSet(jwks);
};

const describeJoseError = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `the token's ${String((error as { claim?: unknown }).claim)} claim is not accepted`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is not valid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token algorithm is not accepted';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key of the identity provider matches the token';
    default:
      return 'the token is not valid';
  }
};

/**
 * An HS256 token for development and tests, e.g. `issueDevelopmentToken(secret, claims, '12h')`.
 * `ttl` is a jose time span (`'15m'`, `'12h'`, `'7d'`) or seconds.
 */
export const issueDevelopmentToken = async (
  secret: string,
  claims: TokenClaims,
  ttl: string | number,
  options: { readonly issuer?: string; readonly audience?: string } = {},
): Promise<string> => {
  const { sub, role, tenantId, unitIds, subjectId } = claims;
  let jwt = new SignJWT({ role, tenantId, unitIds: [...unitIds], ...(subjectId === undefined ? {} : { subjectId }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(typeof ttl === 'number' ? Math.floor(Date.now() / 1000) + ttl : ttl);
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
};
