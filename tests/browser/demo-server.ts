import { createDesk, createReadModels, createVietnamCalendar, defaultRuleBook, fixedClock, InMemoryDocumentStore, InMemoryEventStore, withInlineDocuments, type ActorRole } from '@motcua/core';
import { buildServer, issueDevelopmentToken } from '@motcua/http';
import { ACTIVE_DESKS, DEMO_TENANT, PROVINCE_CENTRE, seedDemoProvince } from '../../packages/cli/src/seed/index.js';

export const SECRET = 'motcua-browser-test-secret-0123456789';
const READERS: readonly ActorRole[] = ['unit-head', 'director', 'inspector', 'system'];

export interface DemoServer {
  readonly url: string;
  readonly tokenFor: (role: 'unit-head' | 'inspector' | 'director') => Promise<string>;
  readonly close: () => Promise<void>;
}

/**
 * The demo province (two months of desk work from 2026-03-02, two dossiers a working day at the centre) in memory, every read model folded inline,
 * served on a free port of the loopback as `motcua serve` serves it (unit heads read figures too).
 */
export const startDemoServer = async (options: { readonly prefix?: string } = {}): Promise<DemoServer> => {
  const readModels = createReadModels({ calendar: createVietnamCalendar(), rules: defaultRuleBook() });
  const documents = new InMemoryDocumentStore();
  const clock = fixedClock(new Date('2026-03-02T01:00:00Z'));
  const store = await withInlineDocuments(new InMemoryEventStore(), documents, readModels.projections);
  const desk = createDesk({ store, clock });
  await seedDemoProvince(desk, { months: 2, dossiersPerDay: 2, clock });
  const roles = Object.fromEntries(readModels.all.map((readModel) => [readModel.name, READERS]));
  const app = await buildServer({ desk, auth: { hs256Secret: SECRET }, readSide: { readModels: readModels.all, documents, roles }, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    tokenFor: (role) =>
      issueDevelopmentToken(SECRET, { sub: `browser-${role}`, role, tenantId: DEMO_TENANT, unitIds: role === 'unit-head' ? [PROVINCE_CENTRE] : [...ACTIVE_DESKS] }, '1h'),
    close: async () => {
      await app.close();
    },
  };
};
