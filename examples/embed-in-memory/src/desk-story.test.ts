import { describe, it, expect } from 'vitest';
import { reAddProblems } from '@motcua/core';
import { runDeskStory } from './desk-story.js';

describe('examples/embed-in-memory', () => {
  it('runs a dossier from receipt to return across the Tết break', async () => {
    const { history, state } = await runDeskStory();
    expect(history.map((e) => e.type)).toEqual(['DossierReceived', 'DossierTransferred', 'ProcessingCompleted', 'ResultReady', 'ResultReturned']);
    expect(history.map((e) => e.metadata.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(state.status).toBe('RETURNED');
    expect(state.timeliness).toBeDefined();
  });

  it("explains the unit's on-time rate from the documents folded inline, with the dossier's events behind it", async () => {
    const { explanation } = await runDeskStory();
    expect(explanation.value).toBe(100);
    expect(reAddProblems(explanation)).toEqual([]);
    expect(explanation.contributions.map((ref) => ref.type)).toEqual(['DossierReceived', 'ProcessingCompleted', 'ResultReady', 'ResultReturned']);
  });
});
