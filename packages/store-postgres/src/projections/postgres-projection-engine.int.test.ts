import { describe, expect, it } from 'vitest';
import { describeProjectionEngine } from '../../../core/src/projections/engine/projection-engine.testkit.js';
import { openPostgresEventStore } from '../open.js';
import { postgresDatabase } from '../test-support.testkit.js';
import { openPostgresProjectionStore, type PostgresProjectionStore } from './postgres-projection-store.js';

const db = postgresDatabase('packages/store-postgres/src/projections/postgres-projection-engine.int.test.ts');

describe.skipIf(db.skipped !== undefined)('postgres projections', () => {
  describeProjectionEngine('postgres, events and projections in one schema', () => {
    const schema = db.freshSchema('engine');
    let opened: { close: () => Promise<void> } | undefined;
    return {
      open: async () => {
        const eventStore = await openPostgresEventStore({ connectionString: db.url(), schema, poolSize: 2, pollIntervalMs: 0 });
        const projectionStore = await openPostgresProjectionStore({ connectionString: db.url(), schema, poolSize: 2 });
        opened = {
          close: async () => {
            await eventStore.close();
            await projectionStore.close();
          },
        };
        return { eventStore, projectionStore };
      },
      close: async () => {
        await opened?.close();
        opened = undefined;
      },
    };
  });

  describe('postgres projection store', () => {
    const open = (schema = db.freshSchema('store')) => openPostgresProjectionStore({ connectionString: db.url(), schema, poolSize: 2 });

    it('writes state and checkpoint together or not at all', async () => {
      // Given a committed copy, and a trigger that makes the next write fail (a crash mid-statement)
      const schema = db.freshSchema('atomic');
      const store = await open(schema);
      await store.commit('seen', { version: 1, state: { a: [1] }, checkpoint: 1 });
      await db.admin().query(`CREATE FUNCTION "${schema}".gone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk gone'; END $$;
        CREATE TRIGGER gone BEFORE UPDATE ON "${schema}".projections FOR EACH ROW EXECUTE FUNCTION "${schema}".gone();`);
      // When the next commit fails
      await expect(store.commit('seen', { version: 1, state: { a: [1, 2] }, checkpoint: 2 })).rejects.toThrow('disk gone');
      // Then neither state nor checkpoint moved
      expect(await store.load('seen')).toEqual({ version: 1, state: { a: [1] }, checkpoint: 1, status: 'running' });
      await store.close();
    });

    it('counts promotions in the generation, lists live copies, refuses a promotion without a shadow', async () => {
      const store: PostgresProjectionStore = await open();
      await store.commit('seen', { version: 1, state: 1, checkpoint: 1 });
      await store.commit('seen', { version: 2, state: 2, checkpoint: 1 }, 'shadow');
      await store.commit('other', { version: 1, state: 0, checkpoint: 0 }, 'shadow');
      expect(await store.generation('seen')).toBe(0);
      await store.promoteShadow('seen');
      expect(await store.generation('seen')).toBe(1);
      expect(await store.load('seen')).toEqual({ version: 2, state: 2, checkpoint: 1, status: 'running' });
      expect(await store.names()).toEqual(['seen']);
      await expect(store.promoteShadow('seen')).rejects.toThrow('no shadow');
      await store.close();
    });

    it('keeps Vietnamese text and large states exactly', async () => {
      const store = await open();
      const state = { unit: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên', rows: Array.from({ length: 5000 }, (_, i) => `hồ sơ ${i}`) };
      await store.commit('big', { version: 1, state, checkpoint: 9_007_199_254 });
      expect(await store.load('big')).toEqual({ version: 1, state, checkpoint: 9_007_199_254, status: 'running' });
      await store.close();
    });

    it('two stores opening a new schema at once both succeed', async () => {
      const schema = db.freshSchema('race');
      const stores = await Promise.all([open(schema), open(schema), open(schema)]);
      await Promise.all(stores.map((store, i) => store.commit(`p${i}`, { version: 1, state: i, checkpoint: i })));
      expect(await stores[0]!.names()).toEqual(['p0', 'p1', 'p2']);
      await Promise.all(stores.map((store) => store.close()));
    });
  });
});

describe.skipIf(db.skipped !== undefined)('postgres projection store, damaged rows', () => {
  it('a state that is not JSON gives an error naming the projection and the copy', async () => {
    const schema = db.freshSchema('damaged');
    const store = await openPostgresProjectionStore({ connectionString: db.url(), schema, poolSize: 1 });
    await store.commit('board', { version: 1, state: { a: 1 }, checkpoint: 3 });
    await db.admin().query(`UPDATE "${schema}".projections SET state = '{"a":' WHERE name = 'board'`);
    await expect(store.load('board')).rejects.toThrow(/projection board \(live\): its stored state is not valid JSON/);
    await store.close();
  });
});
