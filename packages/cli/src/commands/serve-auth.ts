import { randomBytes } from 'node:crypto';
import { CliError } from '../cli-io.js';
import { MIN_SECRET_BITS, secretEntropyBits } from '../secret-strength.js';

/** The flags of `serve` that decide how callers are authenticated. */
export interface ServeAuthFlags {
  readonly production?: boolean;
  readonly secret?: string;
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** The auth options handed to @motcua/http, and whether development tokens may be printed. */
export interface ServeAuth {
  readonly production: boolean;
  readonly auth: {
    readonly hs256Secret?: string;
    readonly jwks?: string;
    readonly issuer?: string;
    readonly audience?: string;
  };
}

/** The shortest HS256 secret @motcua/http takes (its token verifier refuses a shorter one). */
const MIN_SECRET_BYTES = 16;

/**
 * Production (`--production` or `NODE_ENV=production`) needs a secret of at least 256 bits of
 * estimated entropy or an identity provider's JWKS URL, and prints no token. Development takes a
 * random secret per run when none is given. A bad secret is a usage error: exit code 2.
 */
export const serveAuthOf = (flags: ServeAuthFlags, env: NodeJS.ProcessEnv = process.env): ServeAuth => {
  const production = flags.production === true || env.NODE_ENV === 'production';
  const given = flags.secret ?? env.MOTCUA_JWT_SECRET;
  const source = flags.secret !== undefined ? '--secret' : 'MOTCUA_JWT_SECRET';
  if (given !== undefined) {
    if (Buffer.byteLength(given) < MIN_SECRET_BYTES || given.trim() === '') {
      throw new CliError(`${source} must be at least ${MIN_SECRET_BYTES} bytes and not blank; generate one with \`openssl rand -hex 32\``, 2);
    }
    const bits = Math.floor(secretEntropyBits(given));
    if (production && bits < MIN_SECRET_BITS) {
      throw new CliError(`${source} has about ${bits} bits of entropy; production needs ${MIN_SECRET_BITS} (\`openssl rand -hex 32\` gives them)`, 2);
    }
  }
  if (production && given === undefined && flags.jwksUrl === undefined) {
    throw new CliError('production needs --jwks-url (your identity provider\'s keys) or a secret (--secret or MOTCUA_JWT_SECRET)', 2);
  }
  const hs256Secret = given ?? (production ? undefined : randomBytes(32).toString('hex'));
  return {
    production,
    auth: {
      ...(hs256Secret === undefined ? {} : { hs256Secret }),
      ...(flags.jwksUrl === undefined ? {} : { jwks: flags.jwksUrl }),
      ...(flags.issuer === undefined ? {} : { issuer: flags.issuer }),
      ...(flags.audience === undefined ? {} : { audience: flags.audience }),
    },
  };
};
