import type { Command } from 'commander';
import { createDesk, type DossierState, type RecordedEvent } from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { openStoreToRead } from '../open-store.js';
import { DEMO_TENANT } from '../seed/province.js';
import { terminalLines } from '../terminal-lines.js';
import { dossierCode, province as provinceArgument } from '../validate.js';
import type { GlobalOptions } from './global.js';

/**
 * Judged on the day the result reached the desk (else the return day) against the due date before any
 * apology (docs/domain/dossier-lifecycle.md §4, §5); an apology's new date is shown beside it.
 */
const describeTimeliness = (state: DossierState): string => {
  const judged = state.resultReady ?? (state.timelinessAgainstOriginal === undefined ? undefined : { timeliness: state.timeliness, timelinessAgainstOriginal: state.timelinessAgainstOriginal });
  if (judged !== undefined) {
    const when = state.resultReady === undefined ? 'judged at the return' : `judged when ready at the desk, ${state.resultReady.readyDate}`;
    const apologised = state.originalDueDate !== undefined && state.dueDate !== undefined && state.originalDueDate !== state.dueDate;
    const promise = apologised && judged.timeliness !== undefined ? `; against the apology's date ${state.dueDate}: ${judged.timeliness}` : '';
    return `${judged.timelinessAgainstOriginal} (${when}, against the original date ${state.originalDueDate ?? '?'}${promise})`;
  }
  if (state.status === 'WITHDRAWN' || state.status === 'REFUSED_AT_INTAKE') return 'not judged (closed without a result)';
  return state.dueDate === undefined ? 'not judged (no promised date yet)' : `open: promised for ${state.dueDate}`;
};

export const renderDossier = (state: DossierState, version: number): string => {
  const rows: [string, string | number | undefined][] = [
    ['dossier', state.code],
    ['status', state.status],
    ['procedure', state.procedureCode === undefined ? undefined : `${state.procedureCode} (version ${state.procedureVersion ?? '?'})`],
    ['receiving unit', state.receivingUnitId],
    ['channel', state.channel],
    ['rule set', state.ruleSetId],
    ['received at', state.receivedAt],
    ['processing from', state.processingStartDate],
    ['promised date', state.dueDate],
    ['original date', state.originalDueDate !== state.dueDate ? state.originalDueDate : undefined],
    ['date changes', state.dueDateHistory.map((change) => `${change.dueDate} (${change.reason})`).join(', ') || undefined],
    ['timeliness', describeTimeliness(state)],
    ['ready at desk', state.resultReadyAt],
    ['returned at', state.returnedAt],
    ['decision', state.decision === undefined ? undefined : `${state.decision}${state.decisionReason === undefined ? '' : `: ${state.decisionReason}`}`],
    ['trips', `${state.trips}${state.tripDates.length > 0 ? ` (${state.tripDates.join(', ')})` : ''}`],
    ['supplements', `${state.intakeSupplementCount} at intake, ${state.supplementCount} in processing`],
    ['apologies', state.apologyCount],
    ['agency steps', state.agencySteps.map((s) => `${s.agencyId} due ${s.stepDueDate}${s.returnedAt === undefined ? ' (open)' : s.onTime === false ? ' (late)' : ' (on time)'}`).join('; ') || undefined],
    ['control sheet', state.processingSteps.map((s) => `${s.stepId} ${s.bodyId} due ${s.stepDueDate}${s.timeliness === undefined ? ' (open)' : ` (${s.timeliness}, ${s.workingDaysTaken ?? '?'} of ${s.stepLimitWorkingDays} working days)`}`).join('; ') || undefined],
    ['result errors', state.errorReports.map((r) => `#${r.reportNumber} by ${r.reportedBy}, correction due ${r.correctionDueDate}${r.correctedAt === undefined ? ' (open)' : ` (corrected by ${r.correctedBy ?? '?'}, ${r.timeliness ?? '?'}${r.bodyAtFault === true ? ', its own error' : ''})`}`).join('; ') || undefined],
    ['closing reason', state.closingReason],
    ['rating', state.rating === undefined ? undefined : `${state.rating.channel} at ${state.rating.ratedAt}`],
    ['version', version],
  ];
  return rows
    .filter((row): row is [string, string | number] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => `${label.padEnd(16)}${value}`)
    .join('\n');
};

export const renderHistory = (events: readonly RecordedEvent[]): string => {
  const header = ['v', 'pos', 'event', 'occurredAt', 'recordedAt', 'actor', 'rule set'];
  const rows = events.map((e) => [
    String(e.metadata.streamVersion),
    String(e.metadata.globalPosition),
    e.type,
    e.metadata.occurredAt,
    e.metadata.recordedAt,
    `${e.metadata.actor.id} (${e.metadata.actor.role})`,
    e.metadata.ruleSetVersion ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
};

const loadDossier = async (io: CliIo, db: string, tenantId: string, code: string) => {
  const source = openStoreToRead(db, io);
  try {
    const desk = createDesk({ store: source.store });
    const loaded = await desk.dossiers.load(tenantId, code);
    if (loaded.version === 0) throw new CliError(`no dossier ${code} of province ${tenantId} in ${db}`);
    return loaded;
  } finally {
    await source.close();
  }
};

export const registerDossier = (program: Command, io: CliIo, globals: () => GlobalOptions): void => {
  const dossier = program
    .command('dossier')
    .description('look at one dossier: its state now, or every event of its stream')
    .addHelpText('after', '\nExamples:\n  $ motcua dossier show 000.00.15.H55-260302-0001\n  $ motcua dossier history 000.00.15.H55-260302-0001');

  dossier
    .command('show')
    .description('the dossier as it stands: status, promised date, timeliness, trips to the desk')
    .argument('<code>', 'dossier code, e.g. 000.00.15.H55-260302-0001', dossierCode)
    .option('--json', 'print the state as JSON')
    .option('--province <id>', 'province of the dossier', provinceArgument, DEMO_TENANT)
    .addHelpText('after', '\nExample:\n  $ motcua dossier show 000.00.15.H55-260302-0001 --db demo.db')
    .action(async (code: string, options: { json?: boolean; province: string }) => {
      const { state, version } = await loadDossier(io, globals().db, options.province, code);
      io.out(options.json === true ? `${JSON.stringify({ version, state }, null, 2)}\n` : terminalLines(renderDossier(state, version).split('\n')));
    });

  dossier
    .command('history')
    .description('every event of the dossier: version, global position, occurredAt, recordedAt, actor, rule set')
    .argument('<code>', 'dossier code, e.g. 000.00.15.H55-260302-0001', dossierCode)
    .option('--json', 'print the events as JSON lines')
    .option('--province <id>', 'province of the dossier', provinceArgument, DEMO_TENANT)
    .addHelpText('after', '\nExample:\n  $ motcua dossier history 000.00.15.H55-260302-0001 --db demo.db')
    .action(async (code: string, options: { json?: boolean; province: string }) => {
      const { events } = await loadDossier(io, globals().db, options.province, code);
      io.out(options.json === true ? events.map((e) => JSON.stringify(e)).join('\n') + '\n' : terminalLines(renderHistory(events).split('\n')));
    });
};
