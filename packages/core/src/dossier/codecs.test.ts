import { describe, it, expect } from 'vitest';
import { isLeft, isRight } from '../fp.js';
import { decode } from '../kernel/codec.js';
import { toJsonSchema } from '../kernel/json-schema.js';
import { DossierCommand } from './commands.js';
import { DossierEvent } from './events.js';
import { DossierCode, RecordedDossierCode, dossierCodeDate } from './vocabulary.js';
import { guidance, rate, receive } from './dossier.testkit.js';

describe('dossier codecs', () => {
  it('check the dossier code shape loosely and keep it as issued', () => {
    for (const code of ['000.00.15.H12-260302-0001', 'H12-250101-0042', '000.17.31.H56-251231-9999']) expect(DossierCode.is(code)).toBe(true);
    for (const code of ['000.00.15.H12-26032-0001', '000.00.15.H12_260302_0001', '', 'H12-260302-001', '.H12-260302-0001']) {
      expect(DossierCode.is(code)).toBe(false);
    }
  });

  it('refuse a dossier code whose YYMMDD is not a real receipt date, and still read one back from the log', () => {
    for (const code of ['000.00.15.H55-261303-0001', '000.00.15.H55-260230-0001', '000.00.15.H55-250229-0001', '000.00.15.H55-260000-0001', '000.00.15.H55-260100-0001']) {
      expect(DossierCode.is(code)).toBe(false);
      expect(RecordedDossierCode.is(code)).toBe(true);
    }
    for (const code of ['000.00.15.H55-280229-0001', '000.00.15.H55-260131-0001']) expect(DossierCode.is(code)).toBe(true);
    expect(dossierCodeDate('000.00.15.H55-280229-0001')).toBe('2028-02-29');
  });

  it('name every bad field of a command', () => {
    const command = receive('2026-03-02T09:00');
    const result = decode(DossierCommand, {
      ...command,
      data: { ...command.data, dossierCode: 'HS-1', channel: 'fax', applicantId: 'Nguyễn Văn A', priorityGroup: 'vip', feeDong: -5 },
    });
    expect(isLeft(result) && result.left.issues.map((issue) => [issue.field, issue.rule])).toEqual([
      ['data.dossierCode', 'DossierCode'],
      ['data.channel', 'FilingChannel'],
      ['data.applicantId', 'SubjectId'],
      ['data.priorityGroup', 'PriorityGroup'],
      ['data.feeDong', 'Dong'],
    ]);
  });

  it('accept the builders\' commands and reject scores off the scales', () => {
    expect(isRight(decode(DossierCommand, guidance('2026-03-02T08:00')))).toBe(true);
    expect(isRight(decode(DossierCommand, receive('2026-03-02T09:00')))).toBe(true);
    const bad = rate('2026-03-06T10:00', { circular01: { '1': 3 as 2 }, sipas: { officers: 0 } });
    const result = decode(DossierCommand, bad);
    expect(isLeft(result) && result.left.issues.map((issue) => issue.field)).toEqual(['data.circular01.1', 'data.sipas.officers']);
    expect(isLeft(decode(DossierCommand, { ...receive('2026-03-02T09:00'), data: { ...receive('2026-03-02T09:00').data, documents: [''] } }))).toBe(true);
  });

  it('drop Circular 01 indices outside 1–9', () => {
    const result = decode(DossierCommand, rate('2026-03-06T10:00', { circular01: { '1': 2, ...({ '10': 2 } as object) } }));
    expect(isRight(result) && result.right.type === 'RateDossier' && result.right.data.circular01).toEqual({ '1': 2 });
  });

  it('cover twenty commands and twenty events, all describable as JSON Schema', () => {
    expect(DossierCommand.tags).toHaveLength(20);
    expect(DossierEvent.tags).toHaveLength(20);
    const events = toJsonSchema(DossierEvent) as { oneOf: { properties: { data: { required: string[] } } }[] };
    for (const member of events.oneOf) expect(member.properties.data.required).toEqual(expect.arrayContaining(['dossierCode', 'occurredAt']));
    expect(() => toJsonSchema(DossierCommand)).not.toThrow();
  });
});
