import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DELIVERIES,
  dossierListProjection,
  notificationOutboxProjection,
  OUTBOX_PROJECTION,
  WebhookDispatcher,
  type DocumentStore,
  type OutboxDocument,
  type OutboxMessage,
  webhookBody,
  webhookHeaders,
} from '@motcua/core';
import { fetchWebhookSender } from '@motcua/http';
import { openSqliteEventStore, type SqliteEventStoreWithDocuments } from '@motcua/store-sqlite';
import { receiver, signedBy } from './webhook-support.js';
import { bearer, dossierCode, OTHER_TENANT, receiveBody, startTestServer, TENANT, vn, type TestServer } from './support.js';

interface World {
  readonly store: SqliteEventStoreWithDocuments;
  readonly server: TestServer;
  readonly clock: { now: number };
  readonly dispatcher: WebhookDispatcher;
  readonly directory: string;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) {
    await world.dispatcher.stop();
    await world.server.app.close();
    await world.store.close();
    rmSync(world.directory, { recursive: true, force: true });
  }
});

/** A desk on SQLite folding the outbox inline, its HTTP server and a dispatcher ticked by hand on a clock of its own. */
const world = async (documents?: (store: DocumentStore) => DocumentStore, maxAttempts = 5, timeoutMs = 2000): Promise<World> => {
  const directory = mkdtempSync(join(tmpdir(), 'motcua-webhooks-'));
  const store = openSqliteEventStore({ file: join(directory, 'desk.db'), projections: [dossierListProjection, notificationOutboxProjection] });
  const server = await startTestServer({ store, readSide: { readModels: [], documents: store.documents }, webhooks: { allowHttp: true } });
  const clock = { now: Date.now() };
  const dispatcher = new WebhookDispatcher({
    documents: documents === undefined ? store.documents : documents(store.documents),
    send: fetchWebhookSender,
    now: () => clock.now,
    random: () => 0.5,
    retry: { baseDelayMs: 1000, maxDelayMs: 8000, maxAttempts },
    timeoutMs,
  });
  const made = { store, server, clock, dispatcher, directory };
  worlds.push(made);
  return made;
};

const system = async (tenantId = TENANT) => ({ ...(await bearer('system', { tenantId })), 'content-type': 'application/json' });

const subscribe = async (server: TestServer, body: Record<string, unknown>, tenantId = TENANT) => {
  const response = await server.app.inject({ method: 'POST', url: '/webhooks/subscriptions', headers: await system(tenantId), payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; secret: string }>();
};

const send = async (server: TestServer, code: string, segment: string, body: Record<string, unknown>, tenantId = TENANT) => {
  const url = segment === '' ? '/dossiers' : `/dossiers/${encodeURIComponent(code)}/${segment}`;
  const response = await server.app.inject({ method: 'POST', url, headers: { ...(await bearer('system', { tenantId })), 'content-type': 'application/json' }, payload: body });
  expect(response.statusCode, response.body).toBeLessThan(300);
};

const at = (local: string) => ({ occurredAt: vn(local), officerId: 'officer-lan' });

/** Receipt, transfer, a supplement request: three status changes. */
const threeChanges = async (server: TestServer, code: string, tenantId = TENANT) => {
  await send(server, code, '', receiveBody(code), tenantId);
  await send(server, code, 'transfer', at('2026-03-02T10:00'), tenantId);
  await send(server, code, 'supplement-requests', { ...at('2026-03-03T09:00'), missingDocuments: ['Giấy xác nhận tình trạng hôn nhân (khi không đăng ký tại nơi thường trú)'] }, tenantId);
};

const outboxIds = async (documents: DocumentStore, tenantId = TENANT): Promise<string[]> => {
  const page = await documents.list(OUTBOX_PROJECTION, { prefix: `${tenantId}/message/`, limit: 1000 });
  return page.documents.map(([, document]) => document as OutboxDocument).flatMap((document) => (document.kind === 'message' ? [document.id] : []));
};

/** A receiver and its subscription: the receiver checks signatures with the secret the subscription was given. */
const subscribedReceiver = async (server: TestServer, filter: Record<string, unknown> = {}, status: () => number = () => 204, tenantId = TENANT) => {
  const secrets: string[] = [];
  const hook = await receiver(() => secrets, status);
  const subscription = await subscribe(server, { url: hook.url, ...filter }, tenantId);
  secrets.push(subscription.secret);
  return { ...hook, subscription, secrets };
};

describe('status notifications over webhooks', () => {
  it('writes each status change and its outbox message in one transaction, and delivers them signed, in order', async () => {
    const { server, store, dispatcher, clock } = await world();
    const hook = await subscribedReceiver(server);
    expect(hook.subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const code = dossierCode(1);
    await threeChanges(server, code);

    // The outbox was written by the appends themselves: one message per status change, each naming its event
    const ids = await outboxIds(store.documents);
    const events = (await store.readAll({ maxCount: 100 })).events;
    expect(ids).toEqual(events.map((event) => `msg_${event.metadata.eventId}`));
    // A refused command appends nothing and leaves no message
    const refused = await server.app.inject({ method: 'POST', url: `/dossiers/${encodeURIComponent(code)}/result-return`, headers: await system(), payload: { ...at('2026-03-03T10:00'), via: 'counter' } });
    expect(refused.statusCode).toBe(422);
    expect(await outboxIds(store.documents)).toEqual(ids);

    expect(await dispatcher.tick()).toMatchObject({ queued: 3, delivered: 3, retried: 0, dead: 0 });
    expect(hook.received.map((r) => r.body.data.status)).toEqual(['RECEIVED', 'IN_PROCESSING', 'AWAITING_SUPPLEMENT']);
    expect(hook.received.map((r) => r.id)).toEqual(ids);
    expect(hook.received.every((r) => r.signed && r.body.type === 'dossier.status-changed' && r.body.data.dossierCode === code && r.body.data.tenantId === TENANT)).toBe(true);
    expect(hook.received.every((r) => Math.abs(r.timestamp - Math.floor(clock.now / 1000)) <= 1)).toBe(true);
    // A signature does not survive a change of the body or of the secret
    const [first] = hook.received;
    const headers = { 'webhook-id': first!.id, 'webhook-timestamp': String(first!.timestamp), 'webhook-signature': '' };
    expect(signedBy(hook.subscription.secret, headers, JSON.stringify(first!.body))).toBe(false);
    // Nothing more to send
    expect(await dispatcher.tick()).toEqual({ queued: 0, delivered: 0, retried: 0, dead: 0 });
    // Nine more, sent in the log's order past position 9
    for (const n of [2, 3, 4]) await threeChanges(server, dossierCode(n));
    expect(await dispatcher.tick()).toMatchObject({ queued: 9, delivered: 9 });
    const positions = hook.received.map((r) => r.body.data.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.at(-1)).toBeGreaterThan(10);
    await hook.close();
  });

  it('sends a subscription only the messages it asked for, of its own province, made after it', async () => {
    const { server, dispatcher } = await world();
    await threeChanges(server, dossierCode(1));
    const ready = await subscribedReceiver(server, { statuses: ['AWAITING_SUPPLEMENT'] });
    const other = await subscribedReceiver(server, {}, () => 204, OTHER_TENANT);
    await threeChanges(server, dossierCode(2));
    await threeChanges(server, dossierCode(3), OTHER_TENANT);
    await dispatcher.tick();
    expect(ready.received.map((r) => [r.body.data.dossierCode, r.body.data.status])).toEqual([[dossierCode(2), 'AWAITING_SUPPLEMENT']]);
    expect(other.received.map((r) => [r.body.data.tenantId, r.body.data.dossierCode])).toEqual(Array(3).fill([OTHER_TENANT, dossierCode(3)]));
    expect(other.received.every((r) => r.signed)).toBe(true);
    await Promise.all([ready.close(), other.close()]);
  });

  it('tries again after a 500, with backoff, and the receiver tells the retry by its id', async () => {
    const { server, dispatcher, clock } = await world();
    let failing = true;
    const hook = await subscribedReceiver(server, {}, () => (failing ? 500 : 204));
    await threeChanges(server, dossierCode(1));
    expect(await dispatcher.tick()).toMatchObject({ queued: 3, delivered: 0, retried: 3 });
    failing = false;
    // Not due yet: the first retry waits between half and all of 1 s (here 750 ms)
    clock.now += 500;
    expect(await dispatcher.tick()).toMatchObject({ delivered: 0 });
    clock.now += 300;
    expect(await dispatcher.tick()).toMatchObject({ delivered: 3, retried: 0 });
    const ids = hook.received.map((r) => r.id);
    expect(ids).toHaveLength(6);
    // Each message came twice, with the same id, and was accepted once
    const accepted = hook.received.filter((r) => r.answered === 204).map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(accepted));
    expect(accepted).toHaveLength(3);
    expect(hook.received.every((r) => r.signed)).toBe(true);
    await hook.close();
  });

  it('loses nothing while the receiver is down, and delivers once it is back on its address', async () => {
    const { server, dispatcher, clock } = await world();
    const first = await subscribedReceiver(server);
    await threeChanges(server, dossierCode(1));
    await dispatcher.tick();
    expect(first.received).toHaveLength(3);
    // The receiver is killed
    await first.close();
    await threeChanges(server, dossierCode(2));
    expect(await dispatcher.tick()).toMatchObject({ queued: 3, delivered: 0, retried: 3 });
    clock.now += 1000;
    expect(await dispatcher.tick()).toMatchObject({ delivered: 0, retried: 3 });
    // And restarted on the same port
    const again = await receiver(() => first.secrets, () => 204, first.port);
    clock.now += 2000;
    expect(await dispatcher.tick()).toMatchObject({ delivered: 3 });
    expect(again.received.map((r) => [r.body.data.dossierCode, r.body.data.status])).toEqual([
      [dossierCode(2), 'RECEIVED'],
      [dossierCode(2), 'IN_PROCESSING'],
      [dossierCode(2), 'AWAITING_SUPPLEMENT'],
    ]);
    expect(again.received.every((r) => r.signed)).toBe(true);
    await again.close();
  });

  it('does not let a receiver that never answers hold the others back', async () => {
    const { server, dispatcher } = await world(undefined, 5, 300);
    const held: ServerResponse[] = [];
    const silent = createServer((_request, response) => held.push(response));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    await subscribe(server, { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/` });
    const good = await subscribedReceiver(server);
    await threeChanges(server, dossierCode(1));
    // One attempt times out, the silent receiver's other two wait for the next tick; the good one has all three
    expect(await dispatcher.tick()).toMatchObject({ queued: 6, delivered: 3, retried: 1 });
    expect(good.received).toHaveLength(3);
    expect(held).toHaveLength(1);
    const queue = await server.app.inject({ method: 'GET', url: '/webhooks/queue', headers: await bearer('system') });
    const waiting = queue.json<{ items: { attempts: number; lastError?: string }[] }>().items;
    expect(waiting.map((delivery) => delivery.attempts).sort()).toEqual([0, 0, 1]);
    expect(waiting.find((delivery) => delivery.attempts === 1)?.lastError).toContain('within 300 ms');
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await good.close();
  });

  it('gives a delivery up after its last attempt, lists it as a dead letter, and redrives it with the same id', async () => {
    const { server, dispatcher, clock } = await world(undefined, 3);
    let status = 500;
    const hook = await subscribedReceiver(server, {}, () => status);
    await send(server, dossierCode(1), '', receiveBody(dossierCode(1)));
    for (const wait of [0, 1000, 2000]) {
      clock.now += wait;
      await dispatcher.tick();
    }
    expect(hook.received.map((r) => r.answered)).toEqual([500, 500, 500]);
    const dead = await server.app.inject({ method: 'GET', url: '/webhooks/dead-letters', headers: await bearer('system') });
    expect(dead.statusCode).toBe(200);
    const [letter] = dead.json<{ items: { id: string; attempts: number; lastError: string; message: { id: string } }[] }>().items;
    expect(letter).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
    expect(letter!.message.id).toBe(hook.received[0]!.id);
    clock.now += 60_000;
    expect(await dispatcher.tick()).toEqual({ queued: 0, delivered: 0, retried: 0, dead: 0 });
    // Only the system role of the province sees or redrives it
    expect((await server.app.inject({ method: 'GET', url: '/webhooks/dead-letters', headers: await bearer('director') })).statusCode).toBe(403);
    const foreign = await server.app.inject({ method: 'POST', url: `/webhooks/dead-letters/${letter!.id}/redrive`, headers: await bearer('system', { tenantId: OTHER_TENANT }) });
    expect(foreign.statusCode).toBe(404);

    status = 204;
    const redriven = await server.app.inject({ method: 'POST', url: `/webhooks/dead-letters/${letter!.id}/redrive`, headers: await bearer('system') });
    expect(redriven.statusCode).toBe(202);
    expect(await dispatcher.tick()).toMatchObject({ delivered: 1 });
    expect(hook.received.map((r) => r.id)).toEqual(Array(4).fill(letter!.message.id));
    expect((await server.app.inject({ method: 'GET', url: '/webhooks/dead-letters', headers: await bearer('system') })).json().items).toEqual([]);
    await hook.close();
  });

  it('sends again what it sent before a crash that kept it from recording the answer: a duplicate by id, nothing lost', async () => {
    let crashAfterSend = true;
    const { server, dispatcher, clock } = await world((documents) => ({
      ...documents,
      header: (name, slot) => documents.header(name, slot),
      getMany: (name, keys, slot) => documents.getMany(name, keys, slot),
      list: (name, query, slot) => documents.list(name, query, slot),
      promoteShadow: (name) => documents.promoteShadow(name),
      drop: (name, slot) => documents.drop(name, slot),
      names: () => documents.names(),
      commit: async (name, commit, slot) => {
        // The write that takes a delivered message out of the queue (deletes only) fails once
        const removesOnly = [...commit.documents.values()].every((value) => value === undefined);
        if (name === DELIVERIES && removesOnly && crashAfterSend) {
          crashAfterSend = false;
          throw new Error('the process died');
        }
        return documents.commit(name, commit, slot);
      },
    }));
    const hook = await subscribedReceiver(server);
    await send(server, dossierCode(1), '', receiveBody(dossierCode(1)));
    await expect(dispatcher.tick()).rejects.toThrow('the process died');
    clock.now += 10;
    expect(await dispatcher.tick()).toMatchObject({ delivered: 1 });
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]!.id).toBe(hook.received[1]!.id);
    expect(hook.received[0]!.body).toEqual(hook.received[1]!.body);
    await hook.close();
  });

  it('manages subscriptions: the system role of the province only, secrets shown once, rotation signs with both secrets for a while', async () => {
    const { server, dispatcher } = await world();
    const hook = await subscribedReceiver(server, { types: ['dossier.status-changed'] });
    const { id } = hook.subscription;
    const listed = await server.app.inject({ method: 'GET', url: '/webhooks/subscriptions', headers: await bearer('system') });
    expect(listed.json().items).toEqual([expect.objectContaining({ id, url: hook.url, types: ['dossier.status-changed'], statuses: [] })]);
    expect(listed.body).not.toContain('whsec_');
    expect((await server.app.inject({ method: 'GET', url: '/webhooks/subscriptions', headers: await bearer('director') })).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: '/webhooks/subscriptions' })).statusCode).toBe(401);
    const foreign = await server.app.inject({ method: 'GET', url: `/webhooks/subscriptions/${id}`, headers: await bearer('system', { tenantId: OTHER_TENANT }) });
    expect(foreign.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: '/webhooks/subscriptions', headers: await bearer('system', { tenantId: OTHER_TENANT }) })).json().items).toEqual([]);
    for (const body of [{ url: 'ftp://x.example' }, { url: 'not a url' }, { url: hook.url, types: ['dossier.deleted'] }, { url: hook.url, statuses: ['LOST'] }, { url: hook.url, extra: 1 }]) {
      const refused = await server.app.inject({ method: 'POST', url: '/webhooks/subscriptions', headers: await system(), payload: body });
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }

    const rotated = await server.app.inject({ method: 'POST', url: `/webhooks/subscriptions/${id}/secret-rotation`, headers: await bearer('system') });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json<{ secret: string; previousSecretUntil: string }>();
    expect(fresh.secret).not.toBe(hook.subscription.secret);
    await send(server, dossierCode(1), '', receiveBody(dossierCode(1)));
    await dispatcher.tick();
    // A receiver still on the old secret, and one on the new, both accept it
    const [delivery] = hook.received;
    expect(delivery!.signed).toBe(true);
    hook.secrets.splice(0, 1, fresh.secret);
    await send(server, dossierCode(1), 'transfer', at('2026-03-02T10:00'));
    await dispatcher.tick();
    expect(hook.received[1]!.signed).toBe(true);

    expect((await server.app.inject({ method: 'DELETE', url: `/webhooks/subscriptions/${id}`, headers: await bearer('system') })).statusCode).toBe(204);
    expect((await server.app.inject({ method: 'DELETE', url: `/webhooks/subscriptions/${id}`, headers: await bearer('system') })).statusCode).toBe(404);
    await send(server, dossierCode(1), 'supplement-requests', { ...at('2026-03-03T09:00'), missingDocuments: ['Giấy xác nhận tình trạng hôn nhân (khi không đăng ký tại nơi thường trú)'] });
    await dispatcher.tick();
    expect(hook.received).toHaveLength(2);
    await hook.close();
  });
});

/** The example receiver (examples/webhook-receiver/receiver.mjs) as its own process. */
const exampleReceiver = async (secret: string, port: number, seenFile: string) => {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join('examples', 'webhook-receiver', 'receiver.mjs')], {
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port), SEEN_FILE: seenFile },
  });
  const lines: { id: string; dossierCode: string; status: string }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line) as (typeof lines)[number]));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`receiver exited with ${String(code)}`)));
  });
  const kill = () => new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
  return { lines, kill };
};

const freePort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
};

describe('the example receiver', () => {
  it('verifies signatures, is killed and restarted, and hands every message on exactly once', async () => {
    const { server, dispatcher, clock, directory } = await world();
    const port = await freePort();
    const subscription = await subscribe(server, { url: `http://127.0.0.1:${port}/motcua` });
    const seenFile = join(directory, 'seen.txt');
    const first = await exampleReceiver(subscription.secret, port, seenFile);
    await threeChanges(server, dossierCode(1));
    expect(await dispatcher.tick()).toMatchObject({ delivered: 3 });
    await first.kill();

    await threeChanges(server, dossierCode(2));
    expect(await dispatcher.tick()).toMatchObject({ delivered: 0, retried: 3 });
    const second = await exampleReceiver(subscription.secret, port, seenFile);
    clock.now += 1000;
    expect(await dispatcher.tick()).toMatchObject({ delivered: 3 });
    // A message sent again after the restart (a redrive, a crash of the sender) is dropped by its id
    const { store } = worlds[worlds.length - 1]!;
    const outbox = (await store.documents.list(OUTBOX_PROJECTION, { prefix: `${TENANT}/message/`, limit: 1 })).documents;
    const again = outbox[0]![1] as OutboxMessage;
    const body0 = webhookBody(again);
    const resent = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: body0, headers: webhookHeaders([subscription.secret], again.id, Math.floor(Date.now() / 1000), body0) });
    expect(resent.status).toBe(204);

    const handed = [...first.lines, ...second.lines];
    expect(handed.map((line) => [line.dossierCode, line.status])).toEqual([
      [dossierCode(1), 'RECEIVED'], [dossierCode(1), 'IN_PROCESSING'], [dossierCode(1), 'AWAITING_SUPPLEMENT'],
      [dossierCode(2), 'RECEIVED'], [dossierCode(2), 'IN_PROCESSING'], [dossierCode(2), 'AWAITING_SUPPLEMENT'],
    ]);
    expect(new Set(handed.map((line) => line.id)).size).toBe(6);

    // A forged or replayed delivery is refused
    const body = JSON.stringify({ type: 'dossier.status-changed', data: {} });
    const forged = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body, headers: { 'webhook-id': 'msg_x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' } });
    expect(forged.status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 3600;
    const key = Buffer.from(subscription.secret.slice('whsec_'.length), 'base64');
    const signature = `v1,${createHmac('sha256', key).update(`msg_y.${stale}.${body}`).digest('base64')}`;
    const replayed = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body, headers: { 'webhook-id': 'msg_y', 'webhook-timestamp': String(stale), 'webhook-signature': signature } });
    expect(replayed.status).toBe(401);
    await second.kill();
  });
});
