import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isTenantId } from '@motcua/core';
import { CliError } from '../cli-io.js';

/**
 * The receipt tracking secrets `serve` hands to @motcua/http, one per province (docs/tracking.md):
 * from a file of `<province>=<secret>` lines (`--tracking-secrets`, or `$MOTCUA_TRACKING_SECRETS_FILE`)
 * and, for the demo province, `$MOTCUA_TRACKING_SECRET`. A secret is never printed: a bad line is
 * named by its number and what is wrong with it.
 */

/** The shortest tracking secret @motcua/http takes. */
const MIN_SECRET_BYTES = 16;
/** At most this many bad lines are named; the rest are counted. */
const MAX_NAMED = 5;

/** One `<province>=<secret>` line read, or what is wrong with it (naming the province, never the secret). */
const readLine = (line: string, seen: ReadonlyMap<string, string>): { readonly province: string; readonly secret: string } | string => {
  const equals = line.indexOf('=');
  if (equals < 0) return 'not <province>=<secret>';
  const province = line.slice(0, equals).trim();
  const secret = line.slice(equals + 1).trim();
  if (!isTenantId(province as unknown)) return `${JSON.stringify(province.slice(0, 64))} is not a province id (lower-case letters, digits and -)`;
  if (seen.has(province)) return `province ${province} is given a second time`;
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) return `the secret of ${province} is shorter than ${MIN_SECRET_BYTES} bytes`;
  return { province, secret };
};

/** Each province's secret from the text of a secrets file (blank lines and `#` comments skipped), or every bad line named by its number. */
export const parseTrackingSecrets = (text: string): { readonly secrets: Readonly<Record<string, string>> } | { readonly problems: readonly string[] } => {
  const secrets = new Map<string, string>();
  const problems: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const entry = readLine(line, secrets);
    if (typeof entry === 'string') problems.push(`line ${index + 1}: ${entry}`);
    else secrets.set(entry.province, entry.secret);
  }
  if (problems.length > 0) return { problems };
  if (secrets.size === 0) return { problems: ['it names no province'] };
  return { secrets: Object.fromEntries(secrets) };
};

const readSecretsFile = (file: string, warn: (message: string) => void): Readonly<Record<string, string>> => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the tracking secrets file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
  }
  const parsed = parseTrackingSecrets(text);
  if ('problems' in parsed) {
    const named = parsed.problems.slice(0, MAX_NAMED).join('; ');
    const more = parsed.problems.length > MAX_NAMED ? `; and ${parsed.problems.length - MAX_NAMED} more` : '';
    throw new CliError(`the tracking secrets file ${file} is refused: ${named}${more}`, 2);
  }
  // Secrets in a file others can read are no longer secret.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) warn(`the tracking secrets file ${file} can be read by other users; \`chmod 600\` it`);
  return parsed.secrets;
};

export interface TrackingSecretsInput {
  /** `--tracking-secrets`, else `$MOTCUA_TRACKING_SECRETS_FILE`. */
  readonly file: string | undefined;
  /** `$MOTCUA_TRACKING_SECRET`: the demo province's secret. */
  readonly demoSecret: string | undefined;
  readonly demoTenant: string;
  readonly production: boolean;
  readonly warn: (message: string) => void;
}

/**
 * Every province's tracking secret, and the provinces whose secret is random for this run. Production
 * needs at least one secret given; outside it, the demo province gets a random one unless given, so the
 * PINs of that run's receipts change at the next start.
 */
export const trackingSecretsOf = (input: TrackingSecretsInput): { readonly secrets: Readonly<Record<string, string>>; readonly random: readonly string[] } => {
  const demoSet = input.demoSecret !== undefined && input.demoSecret !== '';
  if (demoSet && input.demoSecret.trim().length < MIN_SECRET_BYTES) {
    throw new CliError('MOTCUA_TRACKING_SECRET must be at least 16 bytes and not blank; generate one with `openssl rand -hex 32`', 2);
  }
  const fromFile = input.file === undefined || input.file === '' ? {} : readSecretsFile(input.file, input.warn);
  if (demoSet && input.demoTenant in fromFile) {
    throw new CliError(`both MOTCUA_TRACKING_SECRET and the tracking secrets file give province ${input.demoTenant} a secret: keep one`, 2);
  }
  const secrets = { ...fromFile, ...(demoSet ? { [input.demoTenant]: input.demoSecret } : {}) };
  if (input.production && Object.keys(secrets).length === 0) {
    throw new CliError(
      'production needs MOTCUA_TRACKING_SECRET or --tracking-secrets <file> (at least 16 bytes each; `openssl rand -hex 32`): receipt PINs are derived from them',
      2,
    );
  }
  if (input.production || input.demoTenant in secrets) return { secrets, random: [] };
  return { secrets: { ...secrets, [input.demoTenant]: randomBytes(32).toString('base64url') }, random: [input.demoTenant] };
};
