import { Command, CommanderError } from 'commander';
import { CorruptEventError } from '@motcua/core';
import { CliError, processIo, type CliIo } from './cli-io.js';
import { terminalLines } from './terminal-lines.js';
import { registerAudit, type AuditVerdictKind } from './commands/audit.js';
import { registerAuditDossier } from './commands/audit-dossier.js';
import { registerAuditFeedback } from './commands/audit-feedback.js';
import { registerAuditIncident } from './commands/audit-incident.js';
import { registerAuditOfficer } from './commands/audit-officer.js';
import { registerDossier } from './commands/dossier.js';
import { registerGenerate } from './commands/generate.js';
import type { GlobalOptions } from './commands/global.js';
import { registerMigrate } from './commands/migrate.js';
import { registerReadModels } from './commands/read-models.js';
import { registerReplay } from './commands/replay.js';
import { registerSeed } from './commands/seed.js';
import { registerServe, type HttpModule } from './commands/serve.js';
import { registerTransfer } from './commands/transfer.js';
import { registerVerify } from './commands/verify.js';
import { storeFailure } from './store-failure.js';
import { writableFile } from './validate.js';

export const DEFAULT_DB = './motcua.db';

export interface ProgramOptions {
  /** Where `serve` gets @motcua/http from; default: importing it. */
  readonly loadHttp?: () => Promise<HttpModule>;
  /** The kinds of verdict `audit bundle` and `audit verify` know; default: core's built-in ones. */
  readonly verdicts?: readonly AuditVerdictKind[];
}

/** A usage error is one line on stderr, `motcua: <what is wrong> (add --help for usage)`. */
const output = (io: CliIo) => ({
  writeOut: io.out,
  writeErr: io.err,
  // It quotes the argument refused as given, which may hold a control character: escaped, as every line of the CLI is.
  outputError: (text: string, write: (text: string) => void) => write(terminalLines([`motcua: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (add --help for usage)`])),
});

/** The `motcua` program; `setExitCode` receives the code of a command that ran but found a problem. */
export const createProgram = (
  io: CliIo = processIo,
  setExitCode: (code: number) => void = () => undefined,
  options: ProgramOptions = {},
): Command => {
  const program = new Command('motcua');
  program
    .description("motcua: an event-sourced one-stop public-service desk (Bộ phận Một cửa) on a SQLite event store")
    .option('--db <file>', 'SQLite event store file', writableFile, DEFAULT_DB)
    .configureOutput(output(io))
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ motcua seed --db demo.db                      # a demo province, three months of dossiers\n' +
        '  $ motcua dossier show 000.00.15.H55-260302-0001 --db demo.db\n' +
        '  $ motcua verify --db demo.db                    # exit code 1 when the log was altered\n' +
        '  $ motcua export --db demo.db --out demo.ndjson && motcua import demo.ndjson --db copy.db\n' +
        '  $ motcua serve --db demo.db --seed              # HTTP API with /docs and development tokens\n' +
        '\nRun `motcua <command> --help` for the details of a command.',
    );
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  registerSeed(program, io, globals);
  registerDossier(program, io, globals);
  registerReplay(program, io, globals);
  registerVerify(program, io, globals, setExitCode);
  registerTransfer(program, io, globals, setExitCode);
  registerMigrate(program, io, setExitCode);
  registerGenerate(program, io);
  registerReadModels(program, io, globals);
  registerServe(program, io, globals, options.loadHttp);
  registerAudit(program, io, globals, setExitCode, options.verdicts);
  registerAuditIncident(program, io, globals);
  registerAuditFeedback(program, io, globals);
  registerAuditDossier(program, io, globals);
  registerAuditOfficer(program, io, globals);
  const exitOverrideAll = (command: Command) => {
    command.exitOverride();
    command.configureOutput(output(io));
    command.commands.forEach(exitOverrideAll);
  };
  program.commands.forEach(exitOverrideAll);
  return program;
};

/** Parses `argv` (as in `process.argv`) and runs the command; resolves with the exit code. */
export const runCli = async (argv: readonly string[], io: CliIo = processIo, options: ProgramOptions = {}): Promise<number> => {
  let exitCode = 0;
  const program = createProgram(
    io,
    (code) => {
      exitCode = code;
    },
    options,
  );
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander too, with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      // A message may say more on lines of its own (`\n  …`); every other control character it quotes is escaped.
      io.err(terminalLines(`motcua: ${error.message}`.split('\n')));
      return error.exitCode;
    }
    if (error instanceof CorruptEventError) {
      io.err(terminalLines([`motcua: ${error.message}`, '  run `motcua verify` to find the first damaged event']));
      return 1;
    }
    // A store failing (a lost connection, a read-only file, a server gone) is said in its own words, not as a crash.
    if (storeFailure(error)) {
      io.err(terminalLines([`motcua: ${error.message}`]));
      return 1;
    }
    throw error;
  }
};
