import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** A progress bar on stderr (cli-progress), drawn only when stderr is a terminal: done, rate, time spent and time left. */
export const progressBar = (io: CliIo, label: string, total: number, unit = 'events'): Progress => {
  if (!io.interactive) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {duration_formatted} spent, {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
      // The time left from the rate over the last 50 updates, not the first ones: a long run's rate drifts.
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(Math.max(total, 1), 0, { rate: 0 });
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toLocaleString('en-US') : 0 });
    },
    stop: () => bar.stop(),
  };
};
