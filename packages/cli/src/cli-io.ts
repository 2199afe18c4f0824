/** Where a command writes: stdout for results, stderr for progress, warnings and errors. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal: progress bars are drawn only then. */
  readonly interactive: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

/**
 * Ends the process quietly, exit code 0, when the reader of stdout goes away (`motcua … | head`):
 * it has read what it wanted, and the write that found the pipe closed (EPIPE) is no failure of the
 * command. Any other error of stdout stays an error.
 */
export const exitQuietlyWhenStdoutCloses = (stdout: NodeJS.EventEmitter = process.stdout, exit: (code: number) => void = (code) => process.exit(code)): void => {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(0);
  });
};

/** A failure the user can act on: printed as `motcua: <message>`, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
