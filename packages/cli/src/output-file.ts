import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CliError } from './cli-io.js';

/** Opens the stream a file is written through (`createWriteStream`; tests hand one that fails). */
export type OpenOutput = (path: string, options: { readonly flags: 'w' | 'wx' }) => Writable;

const openFile: OpenOutput = (path, options) => createWriteStream(path, options);

/**
 * Writes a file a command was asked for (`export --out`, `import --report`, `audit … --out`) whole or
 * not at all: into a new file beside it, renamed over it once every byte is written, and removed when
 * the writing fails, so no half-written file is left under the name asked for (an older file there
 * stays as it was). A name that is not a regular file (a device such as `/dev/stdout`, a pipe) is
 * written directly. A failure to write (a full disk, a folder or file the user may not write) stops
 * the command with one line naming the file and the reason; other errors of `write` pass through.
 */
export const writeOutputFile = async <T>(file: string, write: (output: Writable) => Promise<T> | T, open: OpenOutput = openFile): Promise<T> => {
  const direct = existsSync(file) && !statSync(file).isFile();
  const path = direct ? file : join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const output = open(path, { flags: direct ? 'w' : 'wx' });
  let failure: Error | undefined;
  // Without a listener a failed write would crash the process.
  output.on('error', (error: Error) => {
    failure ??= error;
  });
  try {
    const result = await write(output);
    output.end();
    await finished(output);
    if (!direct) renameSync(path, file);
    return result;
  } catch (error) {
    output.destroy();
    if (!direct) rmSync(path, { force: true });
    // The stream's error, or the rename's: a failure of the system call, not of what was being written.
    const cause = failure ?? (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' ? error : undefined);
    if (cause === undefined) throw error;
    throw new CliError(`cannot write ${resolve(file)}: ${cause.message.replace(path, file)}`);
  }
};

/** Writes `text` to `file` whole or not at all (`writeOutputFile`). */
export const writeOutputText = (file: string, text: string, open?: OpenOutput): Promise<void> =>
  writeOutputFile(
    file,
    (output) => {
      output.write(text);
    },
    open,
  );
