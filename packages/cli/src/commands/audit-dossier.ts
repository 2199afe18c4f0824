import type { Command } from 'commander';
import type { DossierVerdictOutcome, Verdict } from '@motcua/core';
import type { CliIo } from '../cli-io.js';
import { dossierCode } from '../validate.js';
import { registerVerdictCommand } from './audit-incident.js';
import type { GlobalOptions } from './global.js';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The answer first: late or not, against which due date, judged where; then what the reasoning weighs. */
export const dossierSummary = (verdict: Verdict): readonly string[] => {
  const o = verdict.outcome as DossierVerdictOutcome;
  if (o.status === 'NOT_STARTED') return ['not received: no time limit runs'];
  const verdictLine = o.judged
    ? `${o.late === true ? `LATE by ${plural(o.workingDaysLate, 'working day')}` : (o.timeliness ?? '').toUpperCase()}, judged ${o.judgedOn ?? ''} (${o.judgedAt === 'ready' ? 'result ready at the desk' : 'returned'})`
    : o.overdue
      ? `OVERDUE by ${plural(o.workingDaysLate, 'working day')}, no result at the desk yet`
      : `not judged (${o.status})`;
  const lawful = o.supplements.filter((s) => s.lawful).length;
  return [
    verdictLine,
    `original due date ${o.originalDueDate ?? '-'}${o.dueDate !== undefined && o.dueDate !== o.originalDueDate ? `, apology's date ${o.dueDate} (shown, not judged against)` : ''}`,
    `supplements ${o.supplements.length} (lawful ${lawful}), apologies ${o.apologies.length} (in time ${o.apologies.filter((a) => a.inTime).length})` +
      (o.longestHolder === undefined ? '' : `, held longest by ${o.longestHolder.body} (${plural(o.longestHolder.workingDays, 'working day')})`),
    `late entries ${o.lateEntries}, recorded breaches ${o.breaches}`,
  ];
};

export const registerAuditDossier = (program: Command, io: CliIo, globals: () => GlobalOptions): void =>
  registerVerdictCommand(program, io, globals, {
    kind: 'dossier',
    subject: 'dossier code, e.g. 000.00.15.H55-260302-0001',
    description:
      'was this dossier late: judged where its result reached the desk against its original due date, each supplement and its clock, the body that held it longest, the apology and its notice, late entries and recorded breaches',
    examples: ['motcua audit dossier 000.00.15.H55-260302-0001 --db demo.db', 'motcua audit dossier 000.00.15.H55-260302-0001 --as-of 2026-03-09 --json'],
    parseSubject: dossierCode,
    summary: dossierSummary,
  });
