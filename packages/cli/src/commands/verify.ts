import type { Command } from 'commander';
import { positionsText } from '@motcua/core';
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
      '\nExample:\n  $ motcua verify --db demo.db\n\n' +
        'Removed events are named by their positions: their rows, and with them their streams and\n' +
        'versions, are gone; the intact event after them is where the chain breaks. Events cut off\n' +
        "the end are reported as removed too. Keep the printed last hash somewhere else: a chain\n" +
        "rebuilt from scratch, or cut short with the file's position counter set back, verifies\n" +
        'too, and only that anchor shows it.',
    )
    .action(async () => {
      const source = openStoreToRead(globals().db, io);
      try {
        const report = await source.store.verify();
        if (report.ok) {
          io.out(terminalLines([`ok: ${report.events} events verified, last position ${report.lastPosition}, last hash ${report.lastHash}`]));
          return;
        }
        // Removed events have no stream or version left to name: their positions are what is known.
        const { missing } = report;
        const where = missing === undefined ? `stream ${report.streamId}, version ${report.streamVersion}, position ${report.globalPosition}` : positionsText(missing.first, missing.last);
        io.out(terminalLines([`${report.problem.toUpperCase()}: ${where}`, `  ${report.message}`, `  ${report.events} events before it are intact`]));
        setExitCode(1);
      } finally {
        await source.close();
      }
    });
};
