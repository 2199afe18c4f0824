import type { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { controlCharacterProblem, DossierCode, isLeft, parseAsOf, STREAM_DEFINITIONS, TenantId, type AsOf } from '@motcua/core';
import { prefixProblem } from '@motcua/http/route-base';

/** Argument parsers for commander: each throws `InvalidArgumentError` with what was expected. */
export const integerIn = (what: string, min: number, max: number) => (value: string): number => {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return n;
};

export const port = integerIn('the port', 0, 65_535);

/** `--as-of`: a global position (`1200`), a day (`2026-03-09`, its end in Vietnam) or an instant. */
export const asOfArgument = (value: string): AsOf => {
  const parsed = parseAsOf(value);
  if (isLeft(parsed)) throw new InvalidArgumentError(`${parsed.left}.`);
  return parsed.right;
};

export const nonEmpty = (what: string) => (value: string): string => {
  if (value.trim().length === 0) throw new InvalidArgumentError(`${what} must not be empty.`);
  return value;
};

/** A name printed as it is wherever it goes (an installation's, in its audit bundles): non-empty, with no control character. */
export const shownName = (what: string) => (value: string): string => {
  const problem = controlCharacterProblem(nonEmpty(what)(value));
  if (problem !== undefined) throw new InvalidArgumentError(`${what} ${problem}.`);
  return value;
};

/** An http(s) URL, e.g. an identity provider's JWKS endpoint. */
export const httpUrl = (what: string) => (value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`${what} must be an http(s) URL, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidArgumentError(`${what} must be an http(s) URL, got "${value}".`);
  return value;
};

/** `--prefix`: the path every route is served under, as `buildServer` of @motcua/http takes it. */
export const routePrefix = (value: string): string => {
  const problem = prefixProblem(value);
  if (value === '' || problem !== undefined) throw new InvalidArgumentError(`${problem ?? 'the prefix is empty: give a path such as /api/motcua, or leave out --prefix to serve at the root'}.`);
  return value;
};

export const dossierCode = (value: string): string => {
  if (!DossierCode.is(value)) {
    throw new InvalidArgumentError(`"${value}" is not a dossier code: expected one like 000.00.15.H55-260302-0001 (agency.code-YYMMDD-NNNN).`);
  }
  return value;
};

const STREAM_KINDS = STREAM_DEFINITIONS.map((definition) => definition.name);

export const streamId = (value: string): string => {
  const kind = value.slice(0, Math.max(0, value.indexOf('-')));
  if (!STREAM_KINDS.includes(kind as never) || value.length <= kind.length + 1) {
    throw new InvalidArgumentError(
      `"${value}" is not a stream id: expected <kind>-<id> or <kind>-<province>:<id> with kind one of ${STREAM_KINDS.join(', ')} (e.g. dossier-000.00.15.H55-260302-0001).`,
    );
  }
  return value;
};

/** A province (tenant) id, as stream ids and tokens carry it. */
export const province = (value: string): string => {
  if (!TenantId.is(value)) throw new InvalidArgumentError(`"${value}" is not a province id: expected ${TenantId.describe} (e.g. demo-thai-nguyen).`);
  return value;
};

export const existingFile = (value: string): string => {
  if (!existsSync(value)) throw new InvalidArgumentError(`no file at ${resolve(value)}.`);
  if (!statSync(value).isFile()) throw new InvalidArgumentError(`${resolve(value)} is not a file.`);
  return value;
};

export const writableFile = (value: string): string => {
  if (value.trim().length === 0) throw new InvalidArgumentError('the file name must not be empty.');
  const directory = dirname(resolve(value));
  if (!existsSync(directory)) throw new InvalidArgumentError(`the folder ${directory} does not exist.`);
  if (existsSync(value) && statSync(value).isDirectory()) throw new InvalidArgumentError(`${resolve(value)} is a folder, not a file.`);
  return value;
};

export const oneOfNames = (what: string, names: () => readonly string[]) => (value: string): string => {
  if (!names().includes(value)) throw new InvalidArgumentError(`unknown ${what} "${value}"; known: ${names().join(', ')}.`);
  return value;
};

/**
 * Makes each option of `command` that takes a value a usage error when given twice (exit 2, naming it):
 * commander would keep the last one silently, and `--as-of 2026-03-05 --as-of 300` would answer as of
 * 300. Options that collect their repeats (`--what-if`) are named in `repeatable`. Call it once the
 * options are declared.
 */
export const refuseRepeatedOptions = (command: Command, repeatable: readonly string[] = []): Command => {
  for (const option of command.options) {
    if (option.isBoolean() || option.variadic || repeatable.includes(option.long ?? '')) continue;
    // Before commander's own listener stores the value: a value already given on the command line is a repeat.
    (command as unknown as EventEmitter).prependListener(`option:${option.name()}`, () => {
      if (command.getOptionValueSource(option.attributeName()) === 'cli') {
        command.error(`option '${option.flags}' is given twice: give it once`, { exitCode: 2, code: 'commander.optionRepeated' });
      }
    });
  }
  return command;
};
