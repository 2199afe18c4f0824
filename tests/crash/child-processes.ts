// Starts the crash tests' child processes (TypeScript through tsx, workspace packages from their
// sources) and kills them; remembers every child so none outlives the test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAcks, type Ack } from './crash-batches.js';

const here = dirname(fileURLToPath(import.meta.url));
const running = new Set<ChildProcess>();

/** SIGKILLs every child still running (for `afterAll`). */
export const killAll = (): void => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
};

export interface KillRound {
  readonly file: string;
  readonly round: number;
  readonly seed: number;
  readonly synchronous: 'FULL' | 'NORMAL';
  /** How long after the child says READY (the store is open) it is killed. */
  readonly delayMs: number;
  /** `append+project` also runs the counting projection in the child; default `append`. */
  readonly mode?: 'append' | 'append+project';
}

/**
 * Runs the appender child until `delayMs` after it is ready, SIGKILLs it, and resolves once its output is
 * complete. Rejects when the child exits by itself (an error in it), with its stderr.
 */
export const runUntilKilled = (options: KillRound): Promise<{ acks: Ack[]; output: string }> =>
  new Promise((resolve, reject) => {
    const script = join(here, 'appender-child.ts');
    const args = [options.file, String(options.round), String(options.seed), options.synchronous, options.mode ?? 'append'];
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script, ...args], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    let errors = '';
    let timer: NodeJS.Timeout | undefined;
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (timer === undefined && output.includes('READY\n')) {
        timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, options.delayMs);
      }
    });
    child.stderr.on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    // `close` comes after stdout ended: every line written before the kill has been read.
    child.on('close', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      if (killed && signal === 'SIGKILL') resolve({ acks: parseAcks(output), output });
      else reject(new Error(`child ${script} round ${options.round} ended by itself (code ${code}, signal ${signal}): ${errors}`));
    });
  });
