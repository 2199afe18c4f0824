import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { createVietnamCalendar, fixedClock, toVietnamDate, type Clock } from '@motcua/core';
import type { SqliteEventStoreWithDocuments } from '@motcua/store-sqlite';
import { CliError, type CliIo } from '../cli-io.js';
import { generatorThreadAvailable } from '../generate/generator-thread.js';
import { lastDayOf, type WorkloadOptions } from '../generate/province-year.js';
import { openSqliteTarget, writeProvinceYearOnThreads } from '../generate/sqlite-writer-thread.js';
import { writeProvinceYear } from '../generate/write-province-year.js';
import { progressBar } from '../progress.js';
import { openStoreUrl, storeUrlOption, type OpenedStore, type StoreUrl } from '../store-url.js';
import { integerIn, province as provinceArgument } from '../validate.js';

interface GenerateOptions {
  readonly to: string;
  readonly province: string;
  readonly units: number;
  readonly dossiersPerDay: number;
  readonly days: number;
  readonly officersPerUnit: number;
  readonly procedures: number;
  readonly year?: number;
  readonly seed: number;
}

const FIRST_YEAR = 2020;

/**
 * The year the receipts start in: `--year` when given, refused (exit 2) when its events would run
 * past today, since the desk refuses a fact from the future (OCCURRED_IN_THE_FUTURE,
 * docs/record-as-evidence.md); otherwise the latest year whose events all fall by today.
 */
const yearOf = (year: number | undefined, workingDays: number, today: string): number => {
  if (year !== undefined) {
    // A year after this one dates every event after today (and may lie past the calendar's last year).
    if (year > Number(today.slice(0, 4))) {
      throw new CliError(`--year ${year} starts after today (${today}): the desk refuses a fact from the future (OCCURRED_IN_THE_FUTURE); give an earlier --year`, 2);
    }
    const last = lastDayOf({ year, workingDays });
    if (last > today) {
      throw new CliError(
        `--year ${year} with --days ${workingDays} would date events up to ${last}, after today (${today}): ` +
          'the desk refuses a fact from the future (OCCURRED_IN_THE_FUTURE); give an earlier --year or fewer --days',
        2,
      );
    }
    return year;
  }
  for (let candidate = Number(today.slice(0, 4)); candidate >= FIRST_YEAR; candidate--) {
    if (lastDayOf({ year: candidate, workingDays }) <= today) return candidate;
  }
  throw new CliError(`--days ${workingDays} from ${FIRST_YEAR} would date events after today (${today}); give fewer --days`, 2);
};

const DAY_MS = 86_400_000;

/** The target store (a SQLite file made by `openSqliteTarget`). */
const openTarget = async (to: StoreUrl, clock: Clock): Promise<Pick<OpenedStore, 'store' | 'head' | 'close'>> => {
  if (to.kind !== 'sqlite') return openStoreUrl(to, { clock });
  let store: SqliteEventStoreWithDocuments;
  try {
    store = openSqliteTarget(to.file, clock);
  } catch (error) {
    throw new CliError(`cannot open the event store ${to.display}: ${(error as Error).message}`);
  }
  return { store, head: () => store.headPosition(), close: () => store.close() };
};

/** Calendar days from 1 January of `year` to the end of its first `days` working days. */
const calendarDaysOf = (year: number, days: number): number => {
  const calendar = createVietnamCalendar();
  let calendarDays = 0;
  for (let working = 0, d = new Date(Date.UTC(year, 0, 1)); working < days; d.setUTCDate(d.getUTCDate() + 1), calendarDays++) {
    if (calendar.isWorkingDay(d.toISOString().slice(0, 10))) working++;
  }
  return calendarDays;
};

export const registerGenerate = (program: Command, io: CliIo): void => {
  program
    .command('generate')
    .description('generate a province-year of desk activity (units, officers, dossiers, ratings, feedback, incidents) into an empty event store')
    .requiredOption('--to <store>', 'the event store: sqlite:<file> (or a file path), postgres://user:password@host:port/database[?schema=name] or esdb://host:2113[?tls=false&namespace=name]')
    .option('--province <id>', 'the province (tenant) of every event', provinceArgument, 'demo-province-year')
    .option('--units <n>', 'desks (units) of the province, each with its officers', integerIn('--units', 1, 999), 100)
    .option('--dossiers-per-day <n>', 'dossiers received per unit and working day, on average', integerIn('--dossiers-per-day', 1, 500), 60)
    .option('--days <n>', 'working days of receipts, from 1 January of --year', integerIn('--days', 1, 1000), 250)
    .option('--officers-per-unit <n>', 'officers appointed to each unit', integerIn('--officers-per-unit', 1, 99), 10)
    .option('--procedures <n>', 'administrative procedures dossiers are filed under', integerIn('--procedures', 1, 5000), 150)
    .option('--year <yyyy>', 'the year the receipts start in (default: the latest year whose events all fall by today)', integerIn('--year', FIRST_YEAR, 2100))
    .option('--seed <n>', 'seed of the generator: the same options give the same events', integerIn('--seed', 0, 2 ** 31 - 1), 42)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ motcua generate --to sqlite:province-year.db                      # 100 units x 60 dossiers a day x 250 days (~10M events)\n' +
        '  $ motcua generate --to small.db --units 5 --dossiers-per-day 20 --days 20\n' +
        '  $ motcua generate --to postgres://motcua:secret@db:5432/motcua --province bac-ninh\n\n' +
        'Each unit is established and each officer appointed in the December before --year; then, day by\n' +
        'day, dossiers with guidance, supplements, inter-agency steps, apologies, withdrawals, results and\n' +
        'ratings, complaints about dossiers (incidents) and feedback, generated on a second thread. Appends are\n' +
        'written in groups that share a transaction, each group recorded at the latest business time among its\n' +
        'events (a settable clock). A SQLite file is created with 16 KiB pages. The store must be empty. Events run up\n' +
        'to some weeks past the last day of receipts; a --year and --days that would date any after today are refused.',
    )
    .action(async (options: GenerateOptions, command: Command) => {
      const to = storeUrlOption(command, '--to', options.to);
      const year = yearOf(options.year, options.days, toVietnamDate(new Date().toISOString()));
      const clock = fixedClock(new Date(Date.UTC(year - 1, 11, 1)));
      const target = await openTarget(to, clock);
      try {
        const head = await target.head();
        if (head > 0) {
          throw new CliError(`the event store ${to.display} already holds ${head} events: generate writes into an empty store only`);
        }
        // The bar follows the business day being written (its recorded time), across the days of receipts.
        const totalDays = calendarDaysOf(year, options.days);
        const firstDay = Date.UTC(year, 0, 1);
        const bar = progressBar(io, 'generate', totalDays, 'days');
        const started = performance.now();
        const workload: WorkloadOptions = {
          seed: options.seed,
          year,
          units: options.units,
          officersPerUnit: options.officersPerUnit,
          procedures: options.procedures,
          tenantId: options.province,
          dossiersPerUnitPerDay: options.dossiersPerDay,
          workingDays: options.days,
          organisation: true,
          inBusinessTimeOrder: true,
        };
        const onDay = (_days: number, _events: number, recordedAt: number) => bar.update(Math.max(0, Math.min(totalDays, Math.floor((recordedAt - firstDay) / DAY_MS))));
        let summary;
        if (to.kind === 'sqlite' && generatorThreadAvailable()) {
          // Written by a thread of its own, on its own connection to the file checked empty above.
          await target.close();
          summary = await writeProvinceYearOnThreads(to.file, workload, { startAt: clock.now().getTime(), onDay });
        } else {
          summary = await writeProvinceYear(target.store, workload, { clock, generatorThread: true, onDay });
        }
        bar.stop();
        const seconds = (performance.now() - started) / 1000;
        const dossiers = summary.types.DossierReceived ?? 0;
        const count = (type: string) => summary.types[type] ?? 0;
        const share = (n: number) => (dossiers === 0 ? '0' : ((100 * n) / dossiers).toFixed(1));
        io.out(
          `generated ${summary.events} events (${summary.appends} appends) into ${to.display} in ${seconds.toFixed(1)} s, ` +
            `${Math.round(summary.events / Math.max(seconds, 0.001))} events/s; last position ${summary.lastPosition}\n` +
            `  ${options.units} units, ${count('OfficerAppointed')} officers, ${dossiers} dossiers over ${options.days} working days ` +
            `(${(summary.events / Math.max(dossiers, 1)).toFixed(2)} events per dossier, all kinds of stream counted)\n` +
            `  per 100 dossiers: ${share(count('DossierRated'))} rated, ${share(count('SupplementRequested'))} supplements, ` +
            `${share(count('ApologyIssued'))} apologies, ${share(count('DossierWithdrawn'))} withdrawn, ` +
            `${share(count('IncidentReported'))} incidents, ${share(count('FeedbackReceived'))} feedback\n`,
        );
      } finally {
        await target.close();
      }
    });
};
