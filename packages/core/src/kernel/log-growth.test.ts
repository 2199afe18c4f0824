import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { LogGrowth } from './log-growth.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done` holds (a loaded machine may run intervals late), at most two seconds. */
const until = async (done: () => boolean) => {
  for (const deadline = Date.now() + 2000; !done() && Date.now() < deadline; ) await settle(2);
};

describe('LogGrowth', () => {
  test.prop([fc.nat(20), fc.array(fc.nat(30), { maxLength: 40 })])(
    'wakes each listener once per head past the highest it was told of, and never after it leaves',
    (start, heads) => {
      const growth = new LogGrowth(() => 0, 0, start);
      let wokenA = 0;
      let wokenB = 0;
      growth.onAppended(() => (wokenA += 1));
      const leave = growth.onAppended(() => (wokenB += 1));
      let highest = start;
      let moves = 0;
      const half = Math.floor(heads.length / 2);
      heads.forEach((head, index) => {
        if (index === half) leave();
        growth.announce(head);
        if (head > highest) {
          highest = head;
          moves += 1;
        }
      });
      const movesBeforeLeaving = heads.slice(0, half).reduce((acc, head) => (head > acc.highest ? { highest: head, moves: acc.moves + 1 } : acc), { highest: start, moves: 0 }).moves;
      expect(wokenA).toBe(moves);
      expect(wokenB).toBe(movesBeforeLeaving);
    },
  );

  it('tells nobody while nobody listens, so a listener that comes later is woken by the next growth', () => {
    const growth = new LogGrowth(() => 0, 0, 0);
    growth.announce(5);
    let woken = 0;
    growth.onAppended(() => (woken += 1));
    growth.announce(5);
    expect(woken).toBe(1);
    growth.announce(5);
    expect(woken).toBe(1);
  });

  it("finds another process's appends by looking at the head, and stops looking when closed", async () => {
    let head = 3;
    let looks = 0;
    const growth = new LogGrowth(
      () => {
        looks += 1;
        return head;
      },
      2,
      3,
    );
    let woken = 0;
    growth.onAppended(() => (woken += 1));
    await settle(20);
    expect(woken).toBe(0);
    head = 7;
    await until(() => woken > 0);
    expect(woken).toBe(1);
    growth.close();
    const after = looks;
    head = 9;
    await settle(20);
    expect(looks).toBe(after);
    expect(woken).toBe(1);
  });

  it('wakes nobody when the head cannot be read, and wakes them once it can', async () => {
    let failing = true;
    let looks = 0;
    const growth = new LogGrowth(
      async () => {
        looks += 1;
        if (failing) throw new Error('the log cannot be read');
        return 4;
      },
      2,
      0,
    );
    let woken = 0;
    growth.onAppended(() => (woken += 1));
    await until(() => looks > 3);
    expect(woken).toBe(0);
    failing = false;
    await until(() => woken > 0);
    expect(woken).toBe(1);
    growth.close();
  });
});
