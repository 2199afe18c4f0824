import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { it } from '@fast-check/vitest';
import {
  createDesk,
  createReadModels,
  createVietnamCalendar,
  decodeExact,
  defaultRuleBook,
  eventRefResolver,
  ExplanationCodec,
  fixedClock,
  InMemoryDocumentStore,
  InMemoryEventStore,
  isLeft,
  readModelDocuments,
  reAddProblems,
  resolveExplanation,
  withInlineDocuments,
  type ActorRole,
  type Explanation,
  type ReadModel,
} from '@motcua/core';
import { buildServer, issueDevelopmentToken } from '@motcua/http';
import { ACTIVE_DESKS, DEMO_TENANT, seedDemoProvince } from '../../packages/cli/src/seed/index.js';
import { arbitraryOf } from '../../packages/core/src/kernel/codec-arbitrary.testkit.js';
import { SECRET } from './support.js';

/**
 * What the explain routes answer is what the OpenAPI document says they answer: every read model's
 * explanations of the demo province (a month of desk work) decode exactly with the explanation's codec,
 * and validate against the schema the document gives each route's 200.
 */
const READERS: readonly ActorRole[] = ['unit-head', 'director', 'inspector', 'system'];
const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });

let app: Awaited<ReturnType<typeof buildServer>>;
let store: InMemoryEventStore;
let documents: InMemoryDocumentStore;
let document: Record<string, unknown>;
let headers: { authorization: string };

beforeAll(async () => {
  store = new InMemoryEventStore();
  documents = new InMemoryDocumentStore();
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  const desk = createDesk({ store: await withInlineDocuments(store, documents, readModels.projections), clock });
  await seedDemoProvince(desk, { seed: 7, months: 1, clock });
  const roles = Object.fromEntries(readModels.all.map((readModel) => [readModel.name, READERS]));
  app = await buildServer({ desk, auth: { hs256Secret: SECRET }, readSide: { readModels: readModels.all, documents, roles } });
  document = JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body) as Record<string, unknown>;
  const token = await issueDevelopmentToken(SECRET, { sub: 'explanations-inspector', role: 'inspector', tenantId: DEMO_TENANT, unitIds: [...ACTIVE_DESKS] }, '1h');
  headers = { authorization: `Bearer ${token}` };
}, 120_000);

afterAll(async () => {
  await app.close();
});

/** Every key the read model lists for the demo province. */
const keysOf = async (readModel: ReadModel<unknown>): Promise<string[]> => {
  const query = readModelDocuments(documents, readModel);
  const keys: string[] = [];
  let after: string | undefined;
  do {
    const page = await readModel.keys(query, { prefix: `${DEMO_TENANT}/`, limit: 1000, ...(after === undefined ? {} : { after }) });
    keys.push(...page.keys);
    after = page.next;
  } while (after !== undefined);
  return keys;
};

/** The validator of the schema the OpenAPI document gives a route's 200 JSON answer, its `$ref`s resolved in the document. */
let ajv: Ajv2020 | undefined;
const validatorOf = (path: string) => {
  if (ajv === undefined) {
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ ...document, $id: 'openapi.json' });
  }
  const pointer = ['paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema']
    .map((part) => encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
  return ajv.getSchema(`openapi.json#/${pointer}`) ?? ajv.compile({ $ref: `openapi.json#/${pointer}` });
};

const withoutField = (explanation: Explanation, field: keyof Explanation): unknown => {
  const { [field]: _dropped, ...rest } = explanation;
  return rest;
};

describe('explanations and the OpenAPI document', () => {
  it('every read model’s explanations of the demo province decode exactly with the explanation’s codec, no field more or less', async () => {
    let count = 0;
    const seen = new Set<string>();
    for (const readModel of readModels.all) {
      const query = readModelDocuments(documents, readModel);
      const keys = await keysOf(readModel);
      expect(keys.length, readModel.name).toBeGreaterThan(0);
      for (const key of keys) {
        const figure = await readModel.explain(query, key);
        if (figure === undefined) continue;
        // Through JSON, as a client reads it.
        const explanation = JSON.parse(JSON.stringify(await resolveExplanation(figure, eventRefResolver(store)))) as unknown;
        const decoded = decodeExact(ExplanationCodec, explanation);
        expect(isLeft(decoded) ? decoded.left.issues : [], `${readModel.name} ${key}`).toEqual([]);
        count += 1;
        for (const [field, value] of Object.entries(explanation as Explanation)) if (value !== undefined) seen.add(field);
        for (const step of (explanation as Explanation).steps) seen.add(`step ${step.op}`);
      }
    }
    expect(count).toBeGreaterThan(100);
    // Every field and every kind of step but `breaches` (the demo records none; the property below draws them).
    expect([...seen].sort()).toEqual(
      ['contributions', 'key', 'label', 'notMeasured', 'officers', 'readModel', 'ruleSetVersions', 'steps', 'value', ...['band', 'copy', 'count', 'max', 'mean', 'min', 'ratio', 'round', 'sum'].map((op) => `step ${op}`)].sort(),
    );
  }, 120_000);

  it('each explain route answers what the schema of its 200 in the OpenAPI document accepts, a schema naming the explanation’s fields', async () => {
    for (const readModel of readModels.all) {
      const path = `/read-models/${readModel.name}/{key}/explain`;
      const validate = validatorOf(path);
      // Keys spread over the read model's listing, sent as written (slashes and all).
      const keys = await keysOf(readModel);
      const sample = keys.filter((_, index) => index % Math.max(1, Math.floor(keys.length / 12)) === 0);
      let answered: Explanation | undefined;
      for (const key of sample) {
        const response = await app.inject({ method: 'GET', url: `/read-models/${readModel.name}/${key}/explain`, headers });
        if (response.statusCode === 404) continue;
        expect(response.statusCode, `${readModel.name} ${key}: ${response.body}`).toBe(200);
        const body = response.json() as Explanation;
        expect(validate(body) ? [] : validate.errors, `${readModel.name} ${key}`).toEqual([]);
        answered ??= body;
      }
      expect(answered, readModel.name).toBeDefined();
      const explanation = answered as Explanation;
      // Not any object: the schema names the explanation's fields and their shapes.
      for (const field of ['readModel', 'key', 'value', 'ruleSetVersions', 'contributions', 'steps'] as const) {
        expect(validate(withoutField(explanation, field)), `${readModel.name} without ${field}`).toBe(false);
      }
      expect(validate({ ...explanation, value: 'high' }), `${readModel.name} with a value in words`).toBe(false);
      expect(validate({ ...explanation, steps: [{ label: 'x', op: 'guess', inputs: [1], result: 1 }] }), `${readModel.name} with an unknown step`).toBe(false);
      expect(validate({ ...explanation, steps: [{ label: 'x', op: 'round', inputs: [1.25], result: 1.3 }] }), `${readModel.name} with a rounding without digits or mode`).toBe(false);
      expect(validate({ ...explanation, contributions: [{ globalPosition: 1 }] }), `${readModel.name} with a contribution that is no event reference`).toBe(false);
      expect(validate({ ...explanation, officers: [7] }), `${readModel.name} with officers that are not ids`).toBe(false);
    }
  }, 120_000);

  it.prop([arbitraryOf(ExplanationCodec)], { numRuns: 200 })('whatever explanation the codec accepts, breaches and all, the explain routes’ schema accepts', (explanation) => {
    const validate = validatorOf(`/read-models/${readModels.all[0]!.name}/{key}/explain`);
    expect(isLeft(decodeExact(ExplanationCodec, explanation))).toBe(false);
    expect(validate(explanation) ? [] : validate.errors).toEqual([]);
  });

  it('shows on every explain route an example that the codec decodes exactly and that re-adds', () => {
    for (const readModel of readModels.all) {
      const path = `/read-models/${readModel.name}/{key}/explain`;
      const example = (document['paths'] as Record<string, { get: { responses: { '200': { content: { 'application/json': { example: unknown } } } } } }>)[path]?.get.responses['200'].content['application/json'].example;
      const decoded = decodeExact(ExplanationCodec, example);
      expect(isLeft(decoded) ? decoded.left.issues : reAddProblems(decoded.right), readModel.name).toEqual([]);
      expect(validatorOf(path)(example), readModel.name).toBe(true);
    }
  });

  it('the codec refuses an explanation missing a field or holding one it does not name', async () => {
    const readModel = readModels.byName('timeliness') as ReadModel<unknown>;
    const [key] = await keysOf(readModel);
    const figure = await readModel.explain(readModelDocuments(documents, readModel), key ?? '');
    const explanation = await resolveExplanation(figure!, eventRefResolver(store));
    expect(isLeft(decodeExact(ExplanationCodec, explanation))).toBe(false);
    expect(isLeft(decodeExact(ExplanationCodec, withoutField(explanation, 'contributions')))).toBe(true);
    expect(isLeft(decodeExact(ExplanationCodec, { ...explanation, colour: 'red' }))).toBe(true);
    expect(isLeft(decodeExact(ExplanationCodec, { ...explanation, steps: explanation.steps.map((step) => ({ ...step, note: 'more' })) }))).toBe(true);
  });
});
