import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { GENESIS_HASH, toExportLine, type HashChainRow } from '@motcua/core';

export { toExportLine };

export interface ExportOptions {
  /** Called every 500 events with the events written so far. */
  readonly onProgress?: (written: number) => void;
}

export interface ExportSummary {
  readonly events: number;
  /** Hash of the last event: an anchor to keep elsewhere and compare after an import. */
  readonly lastHash: string;
  readonly lastPosition: number;
}

/** Writes the rows as NDJSON, one event per line, honouring the output's back-pressure. */
export const exportEvents = async (
  rows: AsyncIterable<HashChainRow> | Iterable<HashChainRow>,
  output: Writable,
  options: ExportOptions = {},
): Promise<ExportSummary> => {
  let events = 0;
  let lastHash = GENESIS_HASH;
  let lastPosition = 0;
  // A reader that goes away (`motcua export | head`) ends the export with its error, not a crash.
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  output.on('error', onError);
  try {
    for await (const row of rows) {
      if (failure !== undefined) throw failure;
      if (!output.write(`${JSON.stringify(toExportLine(row))}\n`)) await once(output, 'drain');
      events++;
      lastHash = row.hash;
      lastPosition = row.globalPosition;
      if (events % 500 === 0) options.onProgress?.(events);
    }
  } finally {
    output.off('error', onError);
  }
  options.onProgress?.(events);
  return { events, lastHash, lastPosition };
};
