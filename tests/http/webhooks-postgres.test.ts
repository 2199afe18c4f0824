import { beforeAll, describe, expect, it } from 'vitest';
import { dossierListProjection, notificationOutboxProjection, OUTBOX_PROJECTION, WebhookDispatcher, type OutboxDocument } from '@motcua/core';
import { fetchWebhookSender } from '@motcua/http';
import { openPostgresEventStore } from '@motcua/store-postgres';
import { postgresForTests } from '../support/postgres-database.js';
import { bearer, dossierCode, receiveBody, startTestServer, TENANT, vn } from './support.js';
import { receiver } from './webhook-support.js';

const postgres = postgresForTests('tests/http/webhooks-postgres.test.ts');

describe.skipIf(postgres.skipped !== undefined)('status notifications on PostgreSQL', () => {
  let url = '';
  beforeAll(async () => {
    url = await postgres.createDatabase();
  });

  it('folds the outbox in the append transaction and delivers every message at least once, through a 500', async () => {
    const store = await openPostgresEventStore({ connectionString: url, schema: 'webhooks_1', poolSize: 4, projections: [dossierListProjection, notificationOutboxProjection] });
    const server = await startTestServer({ store, readSide: { readModels: [], documents: store.documents }, webhooks: { allowHttp: true } });
    const clock = { now: Date.now() };
    const dispatcher = new WebhookDispatcher({ documents: store.documents, send: fetchWebhookSender, now: () => clock.now, random: () => 0, retry: { baseDelayMs: 1000 } });
    try {
      const secrets: string[] = [];
      let status = 500;
      const hook = await receiver(() => secrets, () => status);
      const made = await server.app.inject({ method: 'POST', url: '/webhooks/subscriptions', headers: { ...(await bearer('system')), 'content-type': 'application/json' }, payload: { url: hook.url } });
      expect(made.statusCode, made.body).toBe(201);
      secrets.push(made.json<{ secret: string }>().secret);

      const code = dossierCode(1);
      const headers = { ...(await bearer('system')), 'content-type': 'application/json' };
      for (const [url, body] of [
        ['/dossiers', receiveBody(code)],
        [`/dossiers/${encodeURIComponent(code)}/transfer`, { occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-lan' }],
      ] as const) {
        const response = await server.app.inject({ method: 'POST', url, headers, payload: body });
        expect(response.statusCode, response.body).toBeLessThan(300);
      }
      const messages = (await store.documents.list(OUTBOX_PROJECTION, { prefix: `${TENANT}/message/`, limit: 10 })).documents.map(([, document]) => document as OutboxDocument);
      const events = (await store.readAll({ maxCount: 10 })).events;
      expect(messages.map((message) => (message.kind === 'message' ? message.id : ''))).toEqual(events.map((event) => `msg_${event.metadata.eventId}`));

      expect(await dispatcher.tick()).toMatchObject({ queued: 2, delivered: 0, retried: 2 });
      status = 204;
      clock.now += 500;
      expect(await dispatcher.tick()).toMatchObject({ delivered: 2 });
      const accepted = hook.received.filter((r) => r.answered === 204);
      expect(accepted.map((r) => r.body.data.status)).toEqual(['RECEIVED', 'IN_PROCESSING']);
      expect(hook.received.every((r) => r.signed)).toBe(true);
      expect(new Set(hook.received.map((r) => r.id))).toEqual(new Set(accepted.map((r) => r.id)));
      await hook.close();
    } finally {
      await dispatcher.stop();
      await server.app.close();
      await store.close();
    }
  });
});
