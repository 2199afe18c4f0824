import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

/** Seconds as `1h02m`, `4m05s` or `12s`. */
export const formatSeconds = (seconds: number): string => {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
};

/**
 * The rate and time left of a run at `done` of `total`, from where it stood at its first update
 * (`from` at `startedMs`): a resumed run counts only what it did itself. `?` while nothing was done.
 */
export const pace = (from: number, startedMs: number, done: number, total: number, nowMs: number): { readonly rate: string; readonly left: string } => {
  const seconds = (nowMs - startedMs) / 1000;
  const rate = seconds > 0 ? (done - from) / seconds : 0;
  if (!(rate > 0)) return { rate: '?', left: '?' };
  return { rate: Math.round(rate).toLocaleString('en-US'), left: formatSeconds(Math.max(0, total - done) / rate) };
};

/** A progress bar on stderr (cli-progress), drawn only when stderr is a terminal: done, rate, time spent and time left. */
export const progressBar = (io: CliIo, label: string, total: number, unit = 'events'): Progress => {
  if (!io.interactive) return silent;
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | {duration_formatted} spent, {left} left`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let size = Math.max(total, 1);
  let first: { readonly done: number; readonly at: number } | undefined;
  bar.start(size, 0, { rate: '?', left: '?' });
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) bar.setTotal((size = Math.max(newTotal, 1)));
      const now = Date.now();
      first ??= { done, at: now };
      bar.update(done, pace(first.done, first.at, done, size, now));
    },
    stop: () => bar.stop(),
  };
};
