import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** A progress bar on stderr (cli-progress), drawn only when stderr is a terminal. */
export const progressBar = (io: CliIo, label: string, total: number, unit = 'events'): Progress => {
  if (!io.interactive) return silent;
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0);
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
};
