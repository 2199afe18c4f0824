import { describe, expect, it } from 'vitest';
import { evolveDossier } from '../dossier/evolve.js';
import { initialDossierState } from '../dossier/state.js';
import type { DossierEvent } from '../dossier/events.js';
import { dossierStream, feedbackStream, incidentStream, unitStream } from './stream-definitions.js';

const at = '2026-03-02T09:00:00+07:00';
const code = '000.00.15.H55-260302-0001';

describe('access read from typed state', () => {
  it('a guided dossier concerns the person guided and belongs to no unit yet', () => {
    // Given guidance naming an applicant
    const guidance = { type: 'GuidanceGiven', data: { dossierCode: code, occurredAt: at, officerId: 'officer-lan', channel: 'counter', applicantId: 'subj-1' } } as DossierEvent;
    // Then the stream concerns that applicant, with no unit
    expect(dossierStream.accessOf(evolveDossier(initialDossierState, guidance))).toEqual({ subjectIds: ['subj-1'] });
  });

  it('an entity not yet started concerns no one', () => {
    expect(dossierStream.accessOf(initialDossierState)).toEqual({ subjectIds: [] });
    expect(incidentStream.accessOf(incidentStream.createDecider({} as never).initialState())).toEqual({ subjectIds: [] });
    expect(feedbackStream.accessOf({ status: 'not-received' })).toEqual({ subjectIds: [] });
    expect(unitStream.accessOf({ status: 'not-established' })).toEqual({ subjectIds: [] });
  });
});

describe('what a decoded command names', () => {
  it('a receipt names its unit and applicant; a withdrawal who asked for it; a transfer no one', () => {
    const receipt = {
      type: 'ReceiveDossier' as const,
      data: {
        dossierCode: code, occurredAt: at, receivingUnitId: 'unit-a', procedureCode: '1.000894', channel: 'counter' as const, applicantId: 'subj-1',
        priorityGroup: 'none' as const, documents: [], feeDong: 0, officerId: 'officer-lan',
      },
    };
    expect(dossierStream.claimsOf(receipt)).toEqual({ unitIds: ['unit-a'], subjectIds: ['subj-1'] });
    expect(dossierStream.claimsOf({ type: 'WithdrawDossier', data: { dossierCode: code, occurredAt: at, reason: 'r', requestedBy: 'subj-2' } })).toEqual({ unitIds: [], subjectIds: ['subj-2'] });
    expect(dossierStream.claimsOf({ type: 'TransferDossier', data: { dossierCode: code, occurredAt: at, officerId: 'officer-lan' } })).toEqual({ unitIds: [], subjectIds: [] });
  });
});
