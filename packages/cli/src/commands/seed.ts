import type { Command } from 'commander';
import { createDesk, fixedClock } from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { openStore } from '../open-store.js';
import { progressBar } from '../progress.js';
import { DEFAULT_SEED, seedDemoProvince, SeedConflictError, type SeedSummary } from '../seed/index.js';
import { integerIn } from '../validate.js';
import type { GlobalOptions } from './global.js';

export interface SeedCommandOptions {
  readonly seed: number;
  readonly months: number;
}

/**
 * Seeds the SQLite file `db` with a progress bar; shared by `seed` and `serve --seed`. The desk and
 * the store follow the demo's business time, so the demo reads as a log recorded live. A seed can be
 * run again to finish it, so the last commits need not survive a power loss (`synchronous=NORMAL`).
 */
export const runSeed = async (io: CliIo, db: string, options: SeedCommandOptions): Promise<SeedSummary> => {
  const clock = fixedClock(new Date());
  const store = openStore(db, { synchronous: 'NORMAL', clock });
  const bar = progressBar(io, 'seed', 1, 'steps');
  const started = Date.now();
  try {
    const desk = createDesk({ store, clock });
    const summary = await seedDemoProvince(desk, { seed: options.seed, months: options.months, clock, onProgress: (done, total) => bar.update(done, total) });
    bar.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.err(
      summary.alreadySeeded
        ? `already seeded (seed ${summary.seed}, ${summary.months} months): nothing written\n`
        : `seeded ${summary.units} units, ${summary.officers} officers, ${summary.dossiers} dossiers (${summary.firstDay} to ${summary.lastDay}): ` +
            `${summary.eventsAppended} events in ${seconds} s\n`,
    );
    return summary;
  } catch (error) {
    bar.stop();
    if (error instanceof SeedConflictError) throw new CliError(error.message);
    throw error;
  } finally {
    await store.close();
  }
};

export const seedOptions = (command: Command): Command =>
  command
    .option('--seed <n>', 'seed of the generator: the same seed gives the same province', integerIn('--seed', 0, 2 ** 31 - 1), DEFAULT_SEED)
    .option('--months <n>', 'months of dossiers from 2 March 2026', integerIn('--months', 1, 24), 3);

export const registerSeed = (program: Command, io: CliIo, globals: () => GlobalOptions): void => {
  seedOptions(
    program
      .command('seed')
      .description(
        'seed a deterministic demo province through desk commands: units with the 2025 merger, officers in every role, ' +
          'months of dossiers, feedback and conduct incidents; running it again writes nothing',
      ),
  )
    .addHelpText('after', '\nExamples:\n  $ motcua seed\n  $ motcua seed --db demo.db --months 6\n  $ motcua seed --seed 7 --db other.db')
    .action(async (options: SeedCommandOptions) => {
      const summary = await runSeed(io, globals().db, options);
      const first = summary.dossierCodes[0];
      if (first !== undefined) {
        // The code alone on stdout, for scripts; the hint on stderr, for people.
        io.out(`${first}\n`);
        io.err(`try: motcua dossier show ${first} --db ${globals().db}\n`);
      }
    });
};
