import type { RecordedEvent } from '../kernel/envelope.js';
import type { Projection, ProjectionChanges } from './engine/projection.js';
import type { ExplainableReadModel } from '../read-side/explain/explanation.js';

/**
 * A read model's state kept by province: each province's tables side by side, named
 * `<tenantId>/<table>` (a province id holds no `/`). Unit, officer and feedback ids are the province's
 * own, so two provinces may use the same code: kept apart, they never add up in one figure, and a
 * store that keeps entries as rows still writes only the entries an event changed.
 */
export type ProvinceTables = Record<string, Record<string, unknown>>;

/** A projection kept by province, with the typed state of one province for the read model's queries. */
export interface ProvinceProjection<S> extends Projection<ProvinceTables> {
  /** One province's state: its tables (shared, not copied); an empty state for a province with none. */
  readonly province: (state: ProvinceTables, tenantId: string) => S;
}

/** The provinces with a table in `state`, sorted. */
export const provincesOf = (state: ProvinceTables): string[] => {
  const found = new Set<string>();
  for (const name in state) {
    const slash = name.indexOf('/');
    if (slash > 0) found.add(name.slice(0, slash));
  }
  return [...found].sort();
};

/** Only the tables of `tenantId` (shared, not copied): all a caller of that province may be shown. */
export const onlyProvince = (state: ProvinceTables, tenantId: string): ProvinceTables => {
  const prefix = `${tenantId}/`;
  const own: ProvinceTables = {};
  for (const name in state) if (name.startsWith(prefix)) own[name] = state[name] as Record<string, unknown>;
  return own;
};

/** `<tenantId>/<key>` split at its first `/`; undefined for a key without a province. */
export const splitProvinceKey = (key: string): { readonly tenantId: string; readonly key: string } | undefined => {
  const slash = key.indexOf('/');
  return slash > 0 ? { tenantId: key.slice(0, slash), key: key.slice(slash + 1) } : undefined;
};

const tablesOf = (state: ProvinceTables, tenantId: string): Record<string, Record<string, unknown>> | undefined => {
  const prefix = `${tenantId}/`;
  let tables: Record<string, Record<string, unknown>> | undefined;
  for (const name in state) if (name.startsWith(prefix)) (tables ??= {})[name.slice(prefix.length)] = state[name] as Record<string, unknown>;
  return tables;
};

const tenantOf = (event: RecordedEvent): string => {
  const { tenantId } = event.metadata;
  // A `/` would let one province's table names run into another's.
  if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.includes('/')) {
    throw new Error(`${event.type} at global position ${event.metadata.globalPosition}: tenantId must be a province id without "/"`);
  }
  return tenantId;
};

/**
 * `projection` kept by province: each event is folded into the state of the province it was recorded
 * for (`metadata.tenantId`), which holds only that province's facts. The projection's state must be a
 * record of tables (`Record<table, Record<key, value>>`); name, version, event types and `mutable` are
 * its own, and its `changes` are reported per province under the prefixed table names.
 */
export const byProvince = <S extends object>(projection: Projection<S>): ProvinceProjection<S> => {
  const types = projection.eventTypes === undefined ? undefined : new Set(projection.eventTypes);
  /** States built from nothing and not committed yet: a province added to one needs no change tracking. */
  const fresh = new WeakSet<object>();
  /** Each state's provinces as the projection sees them: their table objects are the state's own. */
  const views = new WeakMap<object, Map<string, S>>();
  const tableNames = new Map<string, Map<string, string>>();

  const viewsOf = (state: ProvinceTables): Map<string, S> => {
    let byTenant = views.get(state);
    if (byTenant === undefined) views.set(state, (byTenant = new Map()));
    return byTenant;
  };
  const viewOf = (state: ProvinceTables, tenantId: string): S | undefined => {
    const byTenant = viewsOf(state);
    let view = byTenant.get(tenantId);
    if (view === undefined) {
      view = tablesOf(state, tenantId) as S | undefined;
      if (view !== undefined) byTenant.set(tenantId, view);
    }
    return view;
  };

  const nameOf = (tenantId: string, table: string): string => {
    let names = tableNames.get(tenantId);
    if (names === undefined) tableNames.set(tenantId, (names = new Map()));
    let name = names.get(table);
    if (name === undefined) names.set(table, (name = `${tenantId}/${table}`));
    return name;
  };

  const handle = (state: ProvinceTables, event: RecordedEvent): ProvinceTables => {
    if (types !== undefined && !types.has(event.type)) return state;
    const tenantId = tenantOf(event);
    let view = viewOf(state, tenantId);
    if (view === undefined) {
      view = projection.initialState();
      // Tables added after the first commit must report their changes from the start.
      if (!fresh.has(state)) projection.changes?.settle(view);
    }
    const next = projection.handle(view, event);
    const target = projection.mutable === true ? state : { ...state };
    for (const table in next) {
      const rows = (next as Record<string, Record<string, unknown>>)[table] as Record<string, unknown>;
      const name = nameOf(tenantId, table);
      if (target[name] !== rows) target[name] = rows;
    }
    if (target !== state && fresh.has(state)) fresh.add(target);
    viewsOf(target).set(tenantId, next);
    return target;
  };

  const changes: ProjectionChanges<ProvinceTables> | undefined =
    projection.changes === undefined
      ? undefined
      : {
          since: (state) =>
            provincesOf(state).flatMap((tenantId) => {
              const view = viewOf(state, tenantId) as S;
              return [...(projection.changes as ProjectionChanges<S>).since(view)].map(([table, key]) => [nameOf(tenantId, table), key] as const);
            }),
          settle: (state) => {
            for (const tenantId of provincesOf(state)) projection.changes?.settle(viewOf(state, tenantId) as S);
            fresh.delete(state);
          },
        };

  return {
    name: projection.name,
    version: projection.version,
    ...(projection.eventTypes === undefined ? {} : { eventTypes: projection.eventTypes }),
    ...(projection.mutable === undefined ? {} : { mutable: projection.mutable }),
    ...(changes === undefined ? {} : { changes }),
    initialState: () => {
      const state: ProvinceTables = {};
      fresh.add(state);
      return state;
    },
    handle,
    province: (state, tenantId) => (tablesOf(state, tenantId) as S | undefined) ?? projection.initialState(),
  };
};

/** Each province's own read model of one name, e.g. one built on that province's inputs. */
export interface ReadModelPerProvince<S> {
  readonly name: string;
  readonly of: (tenantId: string) => ExplainableReadModel<S>;
}

/**
 * A read model over a projection kept by province: keys are `<tenantId>/<the read model's key>`, and a
 * key is explained from its province's state alone, so an explanation only ever draws on that
 * province's events. A province with no state has no figures.
 */
export const byProvinceReadModel = <S>(
  projection: Pick<ProvinceProjection<S>, 'province'>,
  readModel: ExplainableReadModel<S> | ReadModelPerProvince<S>,
): ExplainableReadModel<ProvinceTables> => {
  const of = 'of' in readModel ? readModel.of : () => readModel;
  return {
    name: readModel.name,
    keys: (state) =>
      provincesOf(state).flatMap((tenantId) => of(tenantId).keys(projection.province(state, tenantId)).map((key) => `${tenantId}/${key}`)),
    explain: (state, key) => {
      const split = splitProvinceKey(key);
      if (split === undefined || tablesOf(state, split.tenantId) === undefined) return undefined;
      const explanation = of(split.tenantId).explain(projection.province(state, split.tenantId), split.key);
      return explanation === undefined ? undefined : { ...explanation, key };
    },
  };
};
