import { describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '@motcua/store-sqlite';
import { seededRandom, type Ack } from './crash-batches.js';
import { runUntilKilled } from './child-processes.js';
import { appendProbe, checkRecoveredLog, crashSeed, tempFiles } from './crash-support.js';

// The moment a kill lands inside the child's work still varies from run to run; the seed fixes batch
// sizes, streams and kill delays.
const seed = crashSeed();
const tempFile = tempFiles();

const sigkillRounds = (synchronous: 'FULL' | 'NORMAL', rounds: number, roundSeed: number) => async () => {
  // Given one store file that every round reuses, so recovery after each kill builds on the last
  const file = tempFile();
  const random = seededRandom(roundSeed);
  const acknowledged: Ack[] = [];
  let committedNotAcknowledged = 0;
  for (let round = 0; round < rounds; round++) {
    // When a child appending batches on four lanes is killed 50–400 ms after it opened the store
    const delayMs = 50 + Math.floor(random() * 351);
    const { acks } = await runUntilKilled({ file, round, seed: Math.floor(random() * 2 ** 31), synchronous, delayMs });
    acknowledged.push(...acks);
    const context = `seed ${seed}, ${synchronous}, round ${round}, killed after ${delayMs} ms`;

    // Then the reopened store shows whole batches only, every acknowledged append, a verified chain
    const store = openSqliteEventStore({ file, synchronous });
    try {
      const checked = await checkRecoveredLog(store, acknowledged, round, context);
      committedNotAcknowledged += checked.committedNotAcknowledged;
      // And it still takes appends with an exact expected version (checked again in later rounds)
      acknowledged.push(await appendProbe(store, round, random, context));
    } finally {
      await store.close();
    }
  }
  // The test would prove nothing if the children never got an append acknowledged
  expect(acknowledged.length).toBeGreaterThan(rounds * 2);
  console.info(
    `crash ${synchronous}: ${rounds} kills, ${acknowledged.length} acknowledged batches, ` +
      `${committedNotAcknowledged} committed but never acknowledged (seed ${seed})`,
  );
};

describe(`a writer killed with SIGKILL at random moments (seed ${seed})`, () => {
  it('at FULL: no partial batch, no lost acknowledged append, the chain verifies, appends go on', sigkillRounds('FULL', 8, seed), 120_000);
  it('at NORMAL (WAL): the same holds, since a process kill is not a power loss', sigkillRounds('NORMAL', 4, seed + 1), 120_000);
});
