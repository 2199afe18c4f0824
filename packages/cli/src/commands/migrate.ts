import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { fixedClock } from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { copyLog } from '../migrate/copy-log.js';
import { storeFailure } from '../store-failure.js';
import { progressBar } from '../progress.js';
import { terminalLines } from '../terminal-lines.js';
import { openSourceUrl, openStoreUrl, storeUrlOption, type OpenedStore, type SourceStore, type StoreUrl } from '../store-url.js';

/** Whether two URLs name one store as written (a file, a database's schema, a server's namespace). */
const sameStore = (a: StoreUrl, b: StoreUrl): boolean => {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return a.file === b.file;
  if (a.kind === 'postgres' && b.kind === 'postgres') return a.connectionString === b.connectionString && a.schema === b.schema;
  return a.kind === 'eventstoredb' && b.kind === 'eventstoredb' && a.connectionString === b.connectionString && a.namespace === b.namespace;
};

/** The source's head, its store failing said as a CLI error (copyLog says its own). */
const sourceHead = async (source: SourceStore): Promise<number> => {
  try {
    return await source.head();
  } catch (error) {
    if (storeFailure(error)) throw new CliError(`cannot read the event store ${source.url.display}: ${error.message}`);
    throw error;
  }
};

export const registerMigrate = (program: Command, io: CliIo, setExitCode: (code: number) => void): void => {
  program
    .command('migrate')
    .description('copy the whole log from one event store to another, positions and hashes kept; resumable; the target verified at the end')
    .requiredOption('--from <store>', 'the source: sqlite:<file> (or a file path), postgres://user:password@host:port/database[?schema=name] or esdb://host:2113[?tls=false&namespace=name]')
    .requiredOption('--to <store>', 'the target, empty or holding the beginning of an interrupted copy; same forms as --from')
    .option('--allow-empty', 'copy a source that holds no events (by default refused: a mistyped source is usually empty)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ motcua migrate --from sqlite:province.db --to postgres://motcua:secret@db:5432/motcua\n' +
        '  $ motcua migrate --from postgres://motcua:secret@db:5432/motcua?schema=bac_ninh --to sqlite:bac-ninh.db\n' +
        '  $ motcua migrate --from sqlite:province.db --to "esdb://esdb1:2113?tls=false&namespace=bac_ninh"\n\n' +
        'Every event of the source is checked as `motcua import` checks a line (its fields against its\n' +
        "codec, its hash, its link to the event before), then appended with the recorded time, event id\n" +
        'and version it had, so the target computes the same hash chain. Run it again after an\n' +
        "interruption: the target's chain is verified and its last hash compared with the source's at the\n" +
        "same position, and the copy goes on from there. At the end the target's whole chain is verified\n" +
        'and its event count and last hash compared with the source\'s (exit code 1 when they differ).\n' +
        'Read models are not copied: build them on the target with `motcua rebuild`.\n' +
        'Stop the applications writing to the source first: events appended during the copy are left out.\n' +
        'A SQLite source is opened read-only. In a read-only folder, where SQLite cannot make the index of\n' +
        'its write-ahead log (the -shm file), the file and its -wal are copied into a private temporary\n' +
        'folder (under $TMPDIR, which needs room for them) and read there: such a copy is whole only when\n' +
        'no process writes to the source meanwhile.',
    )
    .action(async (raw: { from: string; to: string; allowEmpty?: boolean }, command: Command) => {
      const options = { from: storeUrlOption(command, '--from', raw.from), to: storeUrlOption(command, '--to', raw.to) };
      if (sameStore(options.from, options.to)) throw new CliError(`--from and --to name the same store (${options.to.display})`);
      const clock = fixedClock(new Date());
      let source: SourceStore | undefined;
      let target: OpenedStore | undefined;
      try {
        source = await openSourceUrl(options.from);
        if (source.note !== undefined) io.err(`${source.note}\n`);
        // Before the target is opened, which would create it.
        if (raw.allowEmpty !== true && (await sourceHead(source)) === 0) {
          throw new CliError(`the source ${options.from.display} holds no events: check --from (add --allow-empty to copy an empty store)`);
        }
        target = await openStoreUrl(options.to, { clock });
        const started = performance.now();
        const bar = progressBar(io, 'migrate', 1);
        let summary;
        try {
          summary = await copyLog(source, target, { clock, onProgress: (position, head) => bar.update(position, head) });
        } finally {
          bar.stop();
        }
        const seconds = (performance.now() - started) / 1000;
        const report = summary.target;
        io.out(
          terminalLines([
            `source ${options.from.display}: ${summary.sourceEvents} events, last hash ${summary.sourceLastHash}`,
            `target ${options.to.display}: ${report.ok ? `${report.events} events verified, last hash ${report.lastHash}` : `does NOT verify: ${report.message}`}`,
            `copied ${summary.copied} events${summary.resumedAt > 0 ? ` after the ${summary.resumedAt} already there` : ''} in ${seconds.toFixed(1)} s ` +
              `(${Math.round(summary.copied / Math.max(seconds, 0.001))} events/s, the final verification included)`,
          ]),
        );
        const same = report.ok && report.events === summary.sourceEvents && report.lastHash === summary.sourceLastHash;
        if (same) io.out('ok: the target holds the same events with the same hash chain\n');
        else {
          io.out('MISMATCH: the target differs from the source; keep the source and run `motcua verify` on both\n');
          setExitCode(1);
        }
      } finally {
        await target?.close();
        await source?.close();
      }
    });
};
