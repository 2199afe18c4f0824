import { describe, expect, it } from 'vitest';
import { BusinessTime } from './business-time.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BusinessTime', () => {
  it('lets the stories act in business-time order, whatever order they start in', async () => {
    const clock = new BusinessTime();
    const log: string[] = [];
    const story = (name: string, times: string[]) => async () => {
      for (const time of times) {
        await clock.at(`2026-03-02T${time}:00+07:00`);
        await tick(); // an append takes a turn of the event loop
        log.push(`${time} ${name}`);
      }
    };
    await clock.run([story('a', ['09:00', '11:00', '15:00']), story('b', ['08:00', '11:00', '12:00']), story('c', ['10:00'])]);
    // At 11:00 both wait; b asked first (right after 08:00).
    expect(log).toEqual(['08:00 b', '09:00 a', '10:00 c', '11:00 b', '11:00 a', '12:00 b', '15:00 a']);
  });

  it('stops every story at the first failure and rejects with it', async () => {
    const clock = new BusinessTime();
    const log: string[] = [];
    const failing = async () => {
      await clock.at('2026-03-02T09:00:00+07:00');
      throw new Error('refused');
    };
    const other = async () => {
      await clock.at('2026-03-02T08:00:00+07:00');
      log.push('8');
      await clock.at('2026-03-02T10:00:00+07:00');
      log.push('10');
    };
    await expect(clock.run([failing, other])).rejects.toThrow('refused');
    expect(log).toEqual(['8']);
  });
});
