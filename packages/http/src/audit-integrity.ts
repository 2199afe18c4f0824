import { storedEventProblems, type EventHashProblem, type EventStore } from '@motcua/core';

/**
 * What the hash chain says of the events an answer of `GET /audit/{kind}/{subject}` rests on (docs/audit.md,
 * "A verdict over a log that does not verify"): each checked where the store holds it, by position.
 */
export interface VerdictIntegrity {
  /**
   * `verified`: each matches its stored hash and the hash the event after it names; `altered`: one or
   * more do not, each in `altered`; `unchecked`: the store keeps no hash chain (the in-memory store).
   */
  readonly status: 'verified' | 'altered' | 'unchecked';
  readonly altered: readonly EventHashProblem[];
}

/** The response header that carries `VerdictIntegrity.status`, in every format. */
export const INTEGRITY_HEADER = 'log-integrity';

export const verdictIntegrity = async (store: EventStore, positions: readonly number[]): Promise<VerdictIntegrity> => {
  const altered = await storedEventProblems(store, positions);
  if (altered === undefined) return { status: 'unchecked', altered: [] };
  return { status: altered.length === 0 ? 'verified' : 'altered', altered };
};

/** `VerdictIntegrity` in the OpenAPI document. */
export const INTEGRITY_SCHEMA = {
  type: 'object',
  description:
    'The events the answer rests on, each checked against its stored hash and the hash the event after it names. An altered event does not change the status code: the answer is what the log now says, and `altered` names each event it rests on that was changed. An event removed, or an edit among events the answer does not use, is found only by verifying the whole log (`motcua verify`).',
  properties: {
    status: { type: 'string', enum: ['verified', 'altered', 'unchecked'], description: '`unchecked`: the store keeps no hash chain' },
    altered: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          globalPosition: { type: 'integer', minimum: 1 },
          streamId: { type: 'string', description: 'Absent when the log holds no event at that position any more' },
          streamVersion: { type: 'integer', minimum: 1 },
          reason: { type: 'string', description: 'What is wrong, e.g. `its content does not match its hash`' },
          message: { type: 'string' },
        },
        required: ['globalPosition', 'reason', 'message'],
      },
    },
  },
  required: ['status', 'altered'],
} as const;
