import type { t } from '../fp.js';
import { STREAM_DEFINITIONS } from './stream-definitions.js';

/** What the events catalogue (`docs/events.md`) says about a stream. */
export interface StreamDescription {
  readonly title: string;
  readonly description: string;
  readonly streamIdPattern: string;
  readonly members: ReadonlyMap<string, t.Mixed>;
}

export const STREAMS: readonly StreamDescription[] = STREAM_DEFINITIONS.map((definition) => ({
  title: definition.title,
  description: definition.description,
  streamIdPattern: definition.streamIdPattern,
  members: definition.eventCodec.members,
}));
