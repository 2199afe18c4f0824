import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from './cli-io.js';
import { tempDir } from './cli.testkit.js';
import { writeOutputFile, writeOutputText, type OpenOutput } from './output-file.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** A file on a disk that fills up after `limit` bytes: later writes fail as a full disk's do. */
const diskFullAfter =
  (limit: number): OpenOutput =>
  (path, { flags }) => {
    const fd = openSync(path, flags);
    let written = 0;
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        if (written + chunk.length > limit) {
          callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
          return;
        }
        writeSync(fd, chunk);
        written += chunk.length;
        callback();
      },
      destroy(error, callback) {
        closeSync(fd);
        callback(error);
      },
    });
  };

const lines = (output: Writable, count: number) => {
  for (let i = 0; i < count; i++) output.write(`{"line":${i}}\n`);
};

describe('writing an output file', () => {
  it('a disk that fills up stops it with one line naming the file, and leaves no part of it, nor anything else, in the folder', async () => {
    for (const before of [undefined, 'the export of yesterday\n']) {
      // Given a folder (holding an older file of that name, or none) on a disk that fills up after 100 bytes
      const folder = tempDir();
      const file = `${folder.dir}/out.ndjson`;
      if (before !== undefined) writeFileSync(file, before);
      // When 50 lines are written to the file
      const writing = writeOutputFile(file, (output) => lines(output, 50), diskFullAfter(100));
      // Then it fails with the file and the reason, and the folder holds what it held before
      await expect(writing).rejects.toThrow(new CliError(`cannot write ${file}: ENOSPC: no space left on device, write`));
      expect(readdirSync(folder.dir)).toEqual(before === undefined ? [] : ['out.ndjson']);
      if (before !== undefined) expect(readFileSync(file, 'utf8')).toBe(before);
      folder.remove();
    }
  });

  it('a file written whole replaces the one there and leaves nothing beside it', async () => {
    const folder = tmp.file('whole');
    mkdirSync(folder);
    const file = `${folder}/whole.ndjson`;
    writeFileSync(file, 'old\n');
    await writeOutputText(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(folder)).toEqual(['whole.ndjson']);
  });

  it('an error of what is written (not of the file) passes through, and leaves no file', async () => {
    const folder = tmp.file('refused');
    mkdirSync(folder);
    const file = `${folder}/refused.ndjson`;
    const refused = new Error('the log does not verify');
    await expect(
      writeOutputFile(file, (output) => {
        lines(output, 3);
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(readdirSync(folder)).toEqual([]);
  });
});
