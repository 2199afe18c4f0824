import { Option, type Command } from 'commander';
import {
  builtInCalendars,
  computeVerdictFromStore,
  createDesk,
  isLeft,
  parseWhatIf,
  renderVerdictReport,
  renderWhatIfReport,
  storedEventProblems,
  whatIfEvents,
  whatIfFromStore,
  type AsOf,
  type DeadlineOutcome,
  type EventStore,
  type ReportLanguage,
  type Verdict,
  type VerdictKind,
  type WhatIf,
} from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { openStoreToRead } from '../open-store.js';
import { terminalLines } from '../terminal-lines.js';
import { DEMO_TENANT } from '../seed/province.js';
import { asOfArgument, nonEmpty, province as provinceArgument, refuseRepeatedOptions } from '../validate.js';
import type { GlobalOptions } from './global.js';

/** The `audit` command group, shared with `audit keygen|bundle|verify`: made here only if nothing made it before. */
export const auditGroup = (program: Command): Command =>
  program.commands.find((command) => command.name() === 'audit') ??
  program.command('audit').description('verdicts on disputes, as of any moment (docs/audit.md)');

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const statusText = (d: DeadlineOutcome): string => {
  switch (d.status) {
    case 'late':
      return `late by ${plural(d.workingDaysLate ?? 0, 'working day')}`;
    case 'overdue':
      return `overdue by ${plural(d.workingDaysLate ?? 0, 'working day')}`;
    default:
      return d.status;
  }
};

const positions = (events: readonly number[]): string => events.map((p) => `#${p}`).join(' ');

/** A verdict as a person reads it: the moment, each deadline, then every step of the reasoning with its rule and events. */
export const renderVerdict = (verdict: Verdict, summary: (verdict: Verdict) => readonly string[] = () => []): string => {
  const { asOf } = verdict;
  const moment =
    asOf.businessTime !== undefined
      ? `as of ${asOf.businessTime} (business time; last event #${asOf.globalPosition})`
      : `as of global position ${asOf.globalPosition} (its last event then)${asOf.judgedAt === undefined ? '' : `, judged ${asOf.judgedAt}`}`;
  const lines = [`${verdict.kind} ${verdict.subject} (province ${verdict.tenantId}), ${moment}`];
  const summarised = summary(verdict);
  if (summarised.length > 0) lines.push('', ...summarised.map((line) => `  ${line}`));
  const deadlines = (verdict.outcome as { deadlines?: readonly DeadlineOutcome[] }).deadlines ?? [];
  if (deadlines.length > 0) {
    const rows = [['deadline', 'due', 'done', 'status'], ...deadlines.map((d) => [d.deadline, d.dueDate, d.doneOn ?? '-', statusText(d)])];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    lines.push('', ...rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}`));
  }
  lines.push('', 'reasoning:');
  verdict.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. [${step.id}] ${step.finding}`);
    if (step.rule !== undefined) lines.push(`     rule: ${step.rule.ruleSetId} ${step.rule.field} (${step.rule.source})`);
    if (step.events.length > 0) lines.push(`     events: ${positions(step.events)}`);
  });
  lines.push(
    '',
    `rule sets: ${verdict.ruleSetVersions.join(', ') || '-'}`,
    `calendars: ${verdict.calendarVersions.join(', ') || '-'}`,
    `events: ${positions(verdict.events) || '-'}`,
  );
  return terminalLines(lines);
};

/**
 * The events an answer (a verdict, or both sides of a what-if) rests on, each against its stored hash
 * (docs/audit.md, "A verdict over a log that does not verify"): when one was altered, the warning
 * naming each, with exit code 1, once the answer is printed.
 */
const warnOfAlteredEvents = async (store: EventStore, positions: readonly number[]): Promise<void> => {
  const altered = (await storedEventProblems(store, positions)) ?? [];
  if (altered.length === 0) return;
  throw new CliError(
    `warning: the log does not verify: this verdict rests on ${altered.length === 1 ? 'an altered event' : `${altered.length} altered events`}: ` +
      `${altered.map((p) => p.message).join('; ')}; run \`motcua verify\` (which alone also finds events removed)`,
  );
};

/**
 * A moment or a subject that is not of its form, or a moment or what-if needing a day no rule set covers or
 * the calendar does not compute, is bad usage (exit 2); a subject the log does not know is a failure (1).
 */
export const usageCode = (code: string): number => (['VERDICT_AS_OF_INVALID', 'VERDICT_SUBJECT_INVALID', 'NO_RULE_SET_IN_FORCE', 'OUTSIDE_CALENDAR'].includes(code) ? 2 : 1);

export interface VerdictCommandSpec {
  readonly kind: VerdictKind;
  readonly subject: string;
  readonly description: string;
  readonly examples: readonly string[];
  /** Checks and normalises the subject argument; default: any non-empty text. */
  readonly parseSubject?: (value: string) => string;
  /** A second argument making up the subject with the first (`<id>/<period>`, which may be given as one), e.g. an officer's period. */
  readonly qualifier?: { readonly name: string; readonly description: string; readonly parse: (value: string) => string };
  /** Lines printed under the heading, before the reasoning (a dossier's judgement, an officer's proposal). */
  readonly summary?: (verdict: Verdict) => readonly string[];
}

/** A what-if as a person reads it: both answers' moment, what the alternative changes, what the recorded facts keep, each difference. */
const renderWhatIf = (whatIf: WhatIf): string =>
  terminalLines([
    `${whatIf.kind} ${whatIf.subject} (province ${whatIf.tenantId}): as recorded, and with ${whatIf.alternative.label}`,
    '',
    whatIf.recordedFacts,
    '',
    whatIf.differences.length === 0 ? 'no difference' : `differences (${whatIf.differences.length}${whatIf.outcomeChanged ? ', the answer among them' : ', the answer the same'}):`,
    ...whatIf.differences.map((difference) => `  - ${difference.description}`),
  ]);

/**
 * A subject of two parts (an officer's `<id>/<period>`) as a command line gives it: `<id>/<period>` in one
 * argument or `<id> <period>` in two, the same in `motcua audit <kind>` and `motcua audit bundle`.
 */
export const subjectOfArguments = (kind: string, qualifier: string, id: string, part: string | undefined): string => {
  if (part === undefined) {
    if (!id.includes('/')) throw new CliError(`the ${kind} verdict needs a ${qualifier}: give <id> <${qualifier}> or <id>/<${qualifier}>, e.g. OF-1 2026-Q1 or OF-1/2026-Q1`, 2);
    return id;
  }
  if (id.includes('/')) throw new CliError(`"${id}" already names a ${qualifier} after its slash: give <id> <${qualifier}> or <id>/<${qualifier}>, not both`, 2);
  return `${id}/${part}`;
};

/** `motcua audit <kind> <subject> [--as-of <moment>] [--what-if <field=value>…] [--json | --format text|json|md|html] [--lang vi|en] [--province <id>]`. */
export const registerVerdictCommand = (program: Command, io: CliIo, globals: () => GlobalOptions, spec: VerdictCommandSpec): void => {
  const command = auditGroup(program)
    .command(spec.kind)
    .description(spec.description)
    .argument('<id>', spec.subject, spec.parseSubject ?? nonEmpty(spec.subject));
  if (spec.qualifier !== undefined) command.argument(`[${spec.qualifier.name}]`, `${spec.qualifier.description}; or give <id>/<${spec.qualifier.name}> as one argument`, spec.qualifier.parse);
  command
    .option('--as-of <moment>', 'a global position (1200): the log as it stood then; a day (2026-03-09) or an instant (2026-03-09T17:00:00+07:00): what happened by then', asOfArgument)
    .option('--json', 'print the verdict as JSON (the same as --format json)')
    .addOption(new Option('--format <format>', 'text (default), json, or a report for the citizen and the officer concerned: md (Markdown) or html').choices(['text', 'json', 'md', 'html']))
    .addOption(new Option('--lang <lang>', 'labels of an md or html report: vi (default) or en').choices(['vi', 'en']).default('vi'))
    .option(
      '--what-if <field=value>',
      'the same verdict under another rule-set value (supplementClockPolicy=PAUSE, <ruleSetId>:indexRounding=half-even) or calendar version (calendar=vn-2026.1), side by side; repeat it to change several',
      (value: string, previous: readonly string[] = []) => [...previous, value],
    )
    .option('--province <id>', `province of the ${spec.kind} (default ${DEMO_TENANT})`, provinceArgument);
  refuseRepeatedOptions(command, ['--what-if'])
    .addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}\n\nWithout --as-of: the whole log, open deadlines judged now. Late entries are named in the reasoning (docs/audit.md, "Verdicts").`)
    .action(async (...args: unknown[]) => {
      const options = args[spec.qualifier === undefined ? 1 : 2] as {
        asOf?: AsOf;
        json?: boolean;
        format?: 'text' | 'json' | 'md' | 'html';
        lang: ReportLanguage;
        whatIf?: readonly string[];
        province?: string;
      };
      if (options.json === true && options.format !== undefined && options.format !== 'json') throw new CliError(`--json and --format ${options.format} ask for two formats: give one`, 2);
      const format = options.json === true ? 'json' : (options.format ?? 'text');
      const subject = spec.qualifier === undefined ? (args[0] as string) : subjectOfArguments(spec.kind, spec.qualifier.name, args[0] as string, args[1] as string | undefined);
      const source = openStoreToRead(globals().db, io);
      const { store } = source;
      try {
        const desk = createDesk({ store });
        const tenantId = options.province ?? DEMO_TENANT;
        const deps = { rules: desk.rules, calendar: desk.calendar };
        if (options.whatIf !== undefined) {
          const alternative = parseWhatIf(options.whatIf, deps, builtInCalendars());
          if (isLeft(alternative)) throw new CliError(alternative.left, 2);
          const compared = await whatIfFromStore(store, { kind: spec.kind, tenantId, subject, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) }, deps, alternative.right);
          if (isLeft(compared)) throw new CliError(compared.left.message, usageCode(compared.left.code));
          if (format === 'md' || format === 'html') io.out(renderWhatIfReport(compared.right, { format, lang: options.lang }));
          else io.out(format === 'json' ? `${JSON.stringify(compared.right, null, 2)}\n` : renderWhatIf(compared.right));
          await warnOfAlteredEvents(store, whatIfEvents(compared.right));
          return;
        }
        const result = await computeVerdictFromStore(
          store,
          { kind: spec.kind, tenantId, subject, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) },
          deps,
        );
        if (isLeft(result)) throw new CliError(result.left.message, usageCode(result.left.code));
        const { verdict } = result.right;
        if (format === 'md' || format === 'html') io.out(renderVerdictReport(result.right, { format, lang: options.lang }));
        else io.out(format === 'json' ? `${JSON.stringify(verdict, null, 2)}\n` : renderVerdict(verdict, spec.summary));
        await warnOfAlteredEvents(store, verdict.events);
      } finally {
        await source.close();
      }
    });
};

export const registerAuditIncident = (program: Command, io: CliIo, globals: () => GlobalOptions): void =>
  registerVerdictCommand(program, io, globals, {
    kind: 'incident',
    subject: 'incident id, e.g. inc-m1-c01',
    description: "a conduct incident's handling against each of its deadlines: due date, rule set and field, day done, on time or late by working days",
    examples: ['motcua audit incident inc-m1-c01 --db demo.db', 'motcua audit incident inc-m1-c01 --as-of 2026-03-20 --json --db demo.db'],
  });
