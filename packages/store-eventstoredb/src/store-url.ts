import { clientConnectionString } from './client-url.js';
import { assertNamespace } from './mapping.js';

/** What an `esdb://` or `kurrentdb://` store URL names: how to connect, and the store's namespace. */
export interface EventStoreDbUrl {
  /** The connection string the client takes (motcua's `namespace` parameter removed). */
  readonly connectionString: string;
  readonly namespace: string;
  /** The URL with any password replaced by `***`, for messages. */
  readonly display: string;
}

/** A parameter's name (or a node preference) as the client compares it: any case, without `_` and `-`. */
const flat = (text: string): string => text.trim().toLowerCase().replace(/[_-]/g, '');

const BOOLEAN = { accepted: ['true', 'false'], compare: (value: string) => value };

/**
 * The values the client takes for its parameters that have a fixed set, as it compares them (a
 * boolean in lowercase only): any other is refused here, saying what is accepted, instead of by the
 * client's parse error ("Unexpected … at position …").
 */
const CHOICES: ReadonlyMap<string, { readonly accepted: readonly string[]; readonly compare: (value: string) => string }> = new Map([
  ['tls', BOOLEAN],
  ['tlsverifycert', BOOLEAN],
  ['throwonappendfailure', BOOLEAN],
  ['dnsdiscover', BOOLEAN],
  ['nodepreference', { accepted: ['leader', 'follower', 'random', 'readonlyreplica'], compare: flat }],
]);

const SCHEMES = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//i;

/** Whether `text` is an EventStoreDB / KurrentDB URL (`esdb://`, `esdb+discover://`, `kurrentdb://`, …). */
export const isEventStoreDbUrl = (text: string): boolean => SCHEMES.test(text.trim());

/**
 * Parses `esdb://host:2113?tls=false&namespace=motcua_hn` (also `esdb+discover://`, `kurrentdb://`,
 * `kurrentdb+discover://`). `namespace` is motcua's own parameter (default `motcua`); the others are
 * the client's. Throws a `TypeError` saying what is wrong.
 */
export const parseEventStoreDbUrl = (text: string): EventStoreDbUrl => {
  const trimmed = text.trim();
  if (!isEventStoreDbUrl(trimmed)) {
    throw new TypeError(`"${redactEventStoreDbUrl(trimmed)}" is not an EventStoreDB URL: expected esdb://host:2113, esdb+discover://host1,host2,host3 or kurrentdb://…`);
  }
  const query = trimmed.indexOf('?');
  const base = query < 0 ? trimmed : trimmed.slice(0, query);
  const parameters = query < 0 ? [] : trimmed.slice(query + 1).split('&').filter((pair) => pair.length > 0);
  let namespace = 'motcua';
  const kept: string[] = [];
  for (const pair of parameters) {
    const [key = '', value = ''] = pair.split('=', 2);
    if (key.toLowerCase() === 'namespace') namespace = decodeURIComponent(value);
    else kept.push(pair);
    const choice = CHOICES.get(flat(key));
    if (choice !== undefined && !choice.accepted.includes(choice.compare(value.trim()))) {
      throw new TypeError(`${key}=${value} in "${redactEventStoreDbUrl(trimmed)}" is not one of ${choice.accepted.join(', ')}`);
    }
  }
  if (/^[a-z+]+:\/\/(?:[^@/]*@)?\/?$/i.test(base)) throw new TypeError(`"${redactEventStoreDbUrl(trimmed)}" names no host: expected esdb://host:2113`);
  try {
    assertNamespace(namespace);
  } catch (error) {
    throw new TypeError(`namespace of "${redactEventStoreDbUrl(trimmed)}": ${(error as Error).message}`);
  }
  const connectionString = clientConnectionString(kept.length === 0 ? base : `${base}?${kept.join('&')}`);
  return { connectionString, namespace, display: `${redactEventStoreDbUrl(connectionString)}${namespace === 'motcua' ? '' : ` (namespace ${namespace})`}` };
};

/** The URL with its password replaced by `***`. */
export const redactEventStoreDbUrl = (text: string): string => text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
