// Texts the province-year generator holds until their day, outside the JavaScript heap. It holds the
// data of every event scheduled for a later day of a dossier still open, weeks of them: as strings,
// each one was copied by the young collections it lived through and then marked by every full one
// (docs/operations/sizing.md). Here a day's texts are UTF-8 bytes in chunks of a megabyte, read back
// as strings when the day is written, and its chunks then serve a later day.

/** Bytes of a chunk; a longer text gets a chunk of its own. */
const CHUNK = 1 << 20;

/** The chunks of one day's texts, the last one filled up to `used`. */
export interface DayTexts {
  readonly chunks: Buffer[];
  used: number;
}

/** Where a held text is: its chunk, first byte and length in bytes. */
export interface HeldText {
  chunk: Buffer;
  start: number;
  length: number;
}

export class HeldTexts {
  private readonly spare: Buffer[] = [];
  /** Where the last `hold` put its text (read at once: the next `hold` moves it). */
  readonly last: HeldText = { chunk: Buffer.alloc(0), start: 0, length: 0 };

  newDay(): DayTexts {
    return { chunks: [], used: 0 };
  }

  /** Keeps `text` with the day's texts; `last` says where. */
  hold(day: DayTexts, text: string): void {
    const most = 3 * text.length;
    let chunk = day.chunks[day.chunks.length - 1];
    if (chunk === undefined || day.used + most > chunk.length) {
      chunk = most > CHUNK ? Buffer.allocUnsafeSlow(most) : (this.spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK));
      day.chunks.push(chunk);
      day.used = 0;
    }
    const length = chunk.write(text, day.used, 'utf8');
    this.last.chunk = chunk;
    this.last.start = day.used;
    this.last.length = length;
    day.used += length;
  }

  /** A held text back as a string. */
  text(chunk: Buffer, start: number, length: number): string {
    return chunk.toString('utf8', start, start + length);
  }

  /** The day's texts are read: its chunks serve later days. */
  release(day: DayTexts): void {
    for (const chunk of day.chunks) if (chunk.length === CHUNK) this.spare.push(chunk);
    day.chunks.length = 0;
  }
}
