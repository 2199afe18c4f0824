import { createReadStream, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { fixedClock } from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { openStore, openStoreToRead } from '../open-store.js';
import { writeOutputFile, writeOutputText } from '../output-file.js';
import { progressBar } from '../progress.js';
import { terminalLines } from '../terminal-lines.js';
import { exportEvents } from '../transfer/export-events.js';
import { sqliteChainRows, sqliteEventCount } from '@motcua/store-sqlite';
import { importEvents, type RejectedLine } from '../transfer/import-events.js';
import { existingFile, province as provinceArgument, writableFile } from '../validate.js';
import type { GlobalOptions } from './global.js';

const describeRejected = (r: RejectedLine) =>
  `line ${r.line}${r.streamId === undefined ? '' : ` (${r.streamId}${r.streamVersion === undefined ? '' : ` v${r.streamVersion}`})`}: ${r.reason}`;

export const registerTransfer = (program: Command, io: CliIo, globals: () => GlobalOptions, setExitCode: (code: number) => void): void => {
  program
    .command('export')
    .description('write every stored event as NDJSON (one line per event, with its metadata and hash chain), after verifying the log')
    .option('--out <file>', 'file to write (default: standard output)', writableFile)
    .option('--province <id>', "only this province's events: an audit extract whose lines each keep their stored hash", provinceArgument)
    .addHelpText(
      'after',
      '\nExamples:\n  $ motcua export --out demo.ndjson\n  $ motcua export --db demo.db | gzip > demo.ndjson.gz\n' +
        '  $ motcua export --province demo-thai-nguyen --out thai-nguyen.ndjson\n\n' +
        "A province extract leaves out the other provinces' events, so its lines link to hashes not in\n" +
        'the file: each line still checks against its own hash, but `motcua import` takes whole exports only.',
    )
    .action(async (options: { out?: string; province?: string }) => {
      const source = openStoreToRead(globals().db, io);
      try {
        const chain = await source.store.verify();
        if (!chain.ok) {
          throw new CliError(`the log does not verify (${chain.message}); run \`motcua verify\` and repair it before exporting`);
        }
        // The file read: the one named, or its private copy.
        const db = source.file;
        const bar = progressBar(options.out === undefined ? { ...io, interactive: false } : io, 'export', sqliteEventCount(db, options.province));
        const exportTo = (output: Writable) => exportEvents(sqliteChainRows(db, 1000, options.province), output, { onProgress: (done) => bar.update(done) });
        let summary;
        try {
          summary = options.out === undefined ? await exportTo(process.stdout) : await writeOutputFile(options.out, exportTo);
        } catch (error) {
          // The reader of standard output closed it (`motcua export | head`): nothing more to write.
          if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw error;
        } finally {
          bar.stop();
        }
        io.err(`exported ${summary.events} events${options.out === undefined ? '' : ` to ${options.out}`}; last hash ${summary.lastHash}\n`);
      } finally {
        await source.close();
      }
    });

  program
    .command('import')
    .description('append the events of an NDJSON export after checking every line: all of them or, when one is bad, none; resumable')
    .argument('<file>', 'an export written by `motcua export`', existingFile)
    .option('--report <file>', 'also write the rejected lines to this file as NDJSON', writableFile)
    .addHelpText(
      'after',
      '\nExamples:\n  $ motcua import demo.ndjson --db copy.db\n  $ motcua import demo.ndjson --db copy.db --report rejected.ndjson\n\n' +
        'Every line is checked first (JSON, envelope, event type and fields, hash, chain, version); one\n' +
        'bad line and nothing is written. Then each original append is appended whole with its expected\n' +
        'version. Run it again after an interruption: events already in the store are skipped.\n' +
        'Exit code 1 when a line was rejected.',
    )
    .action(async (file: string, options: { report?: string }) => {
      const clock = fixedClock(new Date());
      const store = openStore(globals().db, { clock, synchronous: 'NORMAL' });
      try {
        const bar = progressBar(io, 'import', statSync(file).size, 'bytes');
        const summary = await importEvents(store, () => createReadStream(file), {
          clock,
          onProgress: (_lines, bytes) => bar.update(bytes),
        });
        bar.stop();
        io.err(terminalLines(summary.rejected.map(describeRejected)));
        if (options.report !== undefined) await writeOutputText(options.report, summary.rejected.map((rejected) => `${JSON.stringify(rejected)}\n`).join(''));
        io.out(
          `${summary.lines} lines: ${summary.imported} events imported in ${summary.batches} batches, ${summary.skipped} already there, ` +
            `${summary.rejected.length} rejected${summary.written ? '' : ', so nothing was written'}; last hash in the file ${summary.lastHash}\n`,
        );
        if (summary.rejected.length > 0) setExitCode(1);
      } finally {
        await store.close();
      }
    });
};
