import type { Command } from 'commander';
import { createDesk } from '@motcua/core';
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

/** Seeds the store behind `desk` with a progress bar; shared by `seed` and `serve --seed`. */
export const runSeed = async (io: CliIo, desk: Parameters<typeof seedDemoProvince>[0], options: SeedCommandOptions): Promise<SeedSummary> => {
  const bar = progressBar(io, 'seed', 1, 'steps');
  const started = Date.now();
  try {
    const summary = await seedDemoProvince(desk, { seed: options.seed, months: options.months, onProgress: (done, total) => bar.update(done, total) });
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
      // A seed can be run again to finish it, so the last commits need not survive a power loss.
      const store = openStore(globals().db, { synchronous: 'NORMAL' });
      try {
        const summary = await runSeed(io, createDesk({ store }), options);
        const first = summary.dossierCodes[0];
        if (first !== undefined) {
          // The code alone on stdout, for scripts; the hint on stderr, for people.
          io.out(`${first}\n`);
          io.err(`try: motcua dossier show ${first} --db ${globals().db}\n`);
        }
      } finally {
        await store.close();
      }
    });
};
