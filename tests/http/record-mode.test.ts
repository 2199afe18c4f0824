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

  it('declares a discipline case complex in time for the director, refuses it after the 90 days at a live desk, and records it late for the system role', async () => {
    const store = new InMemoryEventStore();
    const app = await buildServer({ auth: { hs256Secret: SECRET }, desk: createDesk({ store, references: 'unchecked' }) });
    const post = async (url: string, role: 'system' | 'director' | 'unit-head', body: unknown) =>
      app.inject({ method: 'POST', url, headers: { ...(await bearer(role)), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const story = async (incidentId: string) => {
      const path = `/incidents/${incidentId}`;
      const report = { incidentId, occurredAt: vn('2026-03-02T09:00'), source: 'hotline', category: 'C03', officerId: 'officer-lan', unitId: 'tn-phuc-vu-hcc', description: 'A hint at a payment beyond the fee.' };
      expect((await post('/incidents', 'system', report)).statusCode).toBe(201);
      for (const [segment, occurredAt, body] of [
        ['acknowledgement', '2026-03-03T09:00', { severity: 'serious' }],
        ['investigation', '2026-03-04T09:00', {}],
        ['conclusion', '2026-03-13T09:00', { outcome: 'substantiated' }],
        ['discipline-proposal', '2026-03-16T10:00', { form: 'warning' }],
      ] as const) {
        const response = await post(`${path}/${segment}`, 'system', { occurredAt: vn(occurredAt), ...body });
        expect(response.statusCode, response.body).toBe(200);
      }
      return `${path}/discipline-complex-case`;
    };
    const declaration = (date: string) => ({ occurredAt: vn(`${date}T10:00`), declaredBy: 'director-so-noi-vu', reason: 'The payment records must be verified.' });

    const inTime = await story('INC-2026-0101');
    expect((await post(inTime, 'unit-head', declaration('2026-05-20'))).statusCode).toBe(403);
    const declared = await post(inTime, 'director', declaration('2026-05-20'));
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json()).toMatchObject({ events: [{ type: 'DisciplineCaseDeclaredComplex', data: { previousDueDate: '2026-06-15', nextStepDueDate: '2026-08-13' } }] });

    const late = await story('INC-2026-0102');
    const live = await post(late, 'director', declaration('2026-06-17'));
    expect(live.statusCode).toBe(422);
    expect(live.json()).toMatchObject({ code: 'INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT' });
    const synced = await post(`${late}?mode=record`, 'system', declaration('2026-06-17'));
    expect(synced.statusCode, synced.body).toBe(200);
    expect(synced.json()).toMatchObject({
      events: [{ type: 'DisciplineCaseDeclaredComplex', data: { nextStepDueDate: '2026-08-13', breaches: [{ rule: 'INCIDENT_COMPLEX_DECLARED_AFTER_LIMIT', measured: { calendarDaysPastDueDate: 2, ordinaryDays: 90 } }] } }],
    });
    await app.close();
  });
});
