/* global sessionStorage, fetch, atob, TextDecoder, URL */
// The API as the dashboard calls it: a bearer token kept in this tab's session storage, figures by
// key, explanations, key listings, dossiers, verdicts and reports (docs/dashboard.md).

const TOKEN = 'motcua.token';

export const tokenOf = () => sessionStorage.getItem(TOKEN);
export const keepToken = (token) => sessionStorage.setItem(TOKEN, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN);

/** The claims of a token, read for display only (the server verifies it on every call). */
export const claimsOf = (token) => {
  const part = token.split('.')[1];
  if (part === undefined) throw new Error('not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Where the API is: the folder above the dashboard's, so that it follows the prefix an application mounts motcua at. */
const API = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

const call = async (path, accept = 'application/json') => {
  const response = await fetch(`${API}${path}`, { headers: { authorization: `Bearer ${tokenOf()}`, accept } });
  if (!response.ok) {
    let problem;
    try { problem = await response.json(); } catch { problem = undefined; }
    throw new ApiError(response.status, problem);
  }
  return response;
};

export const getJson = async (path) => (await call(path)).json();
/** The caller as the server knows it, and what it may open (`GET /me`). */
export const me = () => getJson('/me');
export const getBlob = async (path) => (await call(path, '*/*')).blob();
export const getText = async (path) => (await call(path, 'text/html')).text();

const enc = encodeURIComponent;

/** A figure, or `undefined` when the read model has none for the key (404). */
export const figure = async (readModel, key) => {
  try {
    return await getJson(`/read-models/${enc(readModel)}/${enc(key)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
};

export const explanation = (readModel, key) => getJson(`/read-models/${enc(readModel)}/${enc(key)}/explain`);

/** Every figure key under a prefix relative to the province (all pages). */
export const keysUnder = async (readModel, prefix) => {
  const keys = [];
  let cursor;
  do {
    const page = await getJson(`/read-models/${enc(readModel)}?limit=1000&prefix=${enc(prefix)}${cursor === undefined ? '' : `&cursor=${enc(cursor)}`}`);
    keys.push(...page.keys);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return keys;
};

/** Runs `work` over `items`, at most `width` at a time, keeping their order. */
export const pool = async (items, width, work) => {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
};

/** Figures of several keys of one read model, in order (`undefined` where absent). */
export const figures = (readModel, keys) => pool(keys, 12, (key) => figure(readModel, key));

export const history = (code) => getJson(`/dossiers/${enc(code)}/history`);
export const verdict = (kind, subject) => getJson(`/audit/${enc(kind)}/${subject.split('/').map(enc).join('/')}`);
export const reportUrl = (form, { period, unit, format }) => `/reports/${enc(form)}?period=${enc(period)}${unit === undefined ? '' : `&unit=${enc(unit)}`}&format=${enc(format)}`;
