// The crash tests' read model: events per stream and the sum of the batch sizes they carry. Counting
// shows an event applied twice or skipped, which a checkpoint out of step with the state would cause.
import type { Projection } from '@motcua/core';
import type { BatchEventData } from './crash-batches.js';

export interface CountingState {
  readonly eventsPerStream: Readonly<Record<string, number>>;
  readonly sizeSum: number;
}

export const countingProjection: Projection<CountingState> = {
  name: 'crash-counting',
  version: 1,
  initialState: () => ({ eventsPerStream: {}, sizeSum: 0 }),
  handle: (state, event) => {
    const { streamId } = event.metadata;
    return {
      eventsPerStream: { ...state.eventsPerStream, [streamId]: (state.eventsPerStream[streamId] ?? 0) + 1 },
      sizeSum: state.sizeSum + (event.data as BatchEventData).size,
    };
  },
};
