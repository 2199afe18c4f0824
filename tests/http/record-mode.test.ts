import { describe, expect, it } from 'vitest';
import { createDesk, createVietnamCalendar, InMemoryEventStore } from '@motcua/core';
import { buildServer } from '@motcua/http';
import { bearer, dossierCode, receiveBody, SECRET, vn } from './support.js';

/**
 * Record, then judge over HTTP (ADR 0010): a late apology typed in from paper is refused at a live
 * desk, refused to a role the rule set does not name, and recorded with its breach for the system role.
 */
describe('?mode=record on a command route', () => {
  it('records a late apology for the system role only, with its breach', async () => {
    const store = new InMemoryEventStore();
    // Officers and units are another concern: this test names none that exist.
    const app = await buildServer({ auth: { hs256Secret: SECRET }, desk: createDesk({ store, references: 'unchecked' }) });
    const code = dossierCode(77);
    const post = async (url: string, role: 'system' | 'processing-officer', body: unknown) =>
      app.inject({ method: 'POST', url, headers: { ...(await bearer(role)), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const received = await post('/dossiers', 'system', receiveBody(code));
    expect(received.statusCode, received.body).toBe(201);
    const dueDate = (received.json() as { state: { dueDate: string } }).state.dueDate;
    const path = `/dossiers/${encodeURIComponent(code)}`;
    expect((await post(`${path}/transfer`, 'system', { occurredAt: vn('2026-03-02T10:00'), officerId: 'officer-lan' })).statusCode).toBe(200);
    const apology = {
      occurredAt: vn(`${dueDate}T16:00`),
      officerId: 'officer-lan',
      reason: 'site inspection delayed by flooding',
      newDueDate: createVietnamCalendar().addWorkingDays(dueDate, 2),
    };

    const live = await post(`${path}/apologies`, 'system', apology);
    expect(live.statusCode).toBe(422);
    expect(live.json()).toMatchObject({ code: 'DOSSIER_APOLOGY_TOO_LATE' });

    const officer = await post(`${path}/apologies?mode=record`, 'processing-officer', apology);
    expect(officer.statusCode).toBe(403);
    expect(officer.json()).toMatchObject({ detail: 'a processing-officer may not record with mode=record; the rule set allows: system' });

    const bad = await post(`${path}/apologies?mode=later`, 'system', apology);
    expect(bad.statusCode).toBe(400);

    const synced = await post(`${path}/apologies?mode=record`, 'system', apology);
    expect(synced.statusCode, synced.body).toBe(200);
    const [event] = (synced.json() as { events: { type: string; data: { breaches: unknown } }[] }).events;
    expect(event).toMatchObject({
      type: 'ApologyIssued',
      data: { breaches: [{ rule: 'DOSSIER_APOLOGY_TOO_LATE', article: 'Decree 61/2018 Art.19(9), 12(5)', measured: { workingDaysBeforeDue: 0, required: 1 } }] },
    });
    await app.close();
  });
});
