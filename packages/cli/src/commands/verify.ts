import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { openStoreToRead } from '../open-store.js';
import { terminalLines } from '../terminal-lines.js';
import type { GlobalOptions } from './global.js';

export const registerVerify = (program: Command, io: CliIo, globals: () => GlobalOptions, setExitCode: (code: number) => void): void => {
  program
    .command('verify')
    .description('walk the hash chain of the whole log; name the first altered, removed or reordered event (exit code 1)')
    .addHelpText(
      'after',
      '\nExample:\n  $ motcua verify --db demo.db\n\nEvents cut off the end are reported as removed. Keep the printed last hash somewhere\nelse: a chain rebuilt from scratch, or cut short with the file\'s position counter set\nback, verifies too, and only that anchor shows it.',
    )
    .action(async () => {
      const source = openStoreToRead(globals().db, io);
      try {
        const report = await source.store.verify();
        if (report.ok) {
          io.out(terminalLines([`ok: ${report.events} events verified, last position ${report.lastPosition}, last hash ${report.lastHash}`]));
          return;
        }
        // Events removed from the log's end have no stream left to name.
        const where = report.streamId === '' ? `position ${report.globalPosition}` : `stream ${report.streamId}, version ${report.streamVersion}, position ${report.globalPosition}`;
        io.out(terminalLines([`${report.problem.toUpperCase()}: ${where}`, `  ${report.message}`, `  ${report.events} events before it are intact`]));
        setExitCode(1);
      } finally {
        await source.close();
      }
    });
};
