import {
  computeEventHash,
  decode,
  Instant,
  NonEmptyString,
  oneOf,
  PositiveInt,
  refined,
  t,
} from '@motcua/core';

/**
 * One line of an export: a stored event with its place in the log, its metadata as stored (without
 * the positions, which are the line's own fields) and its link in the hash chain.
 */
export interface ExportLine {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly previousHash: string;
  readonly hash: string;
  /** The stream id the event was hashed under, when an upgrade moved it to its province's stream since (ADR 0011). */
  readonly hashedStreamId?: string;
}

/** The hash of a line's content after `previousHash`, as the stores compute it (`computeEventHash`). */
export const lineHash = (previousHash: string, line: Omit<ExportLine, 'hash' | 'previousHash'>): string =>
  computeEventHash(previousHash, {
    globalPosition: line.globalPosition,
    streamId: line.hashedStreamId ?? line.streamId,
    streamVersion: line.streamVersion,
    type: line.type,
    dataJson: JSON.stringify(line.data),
    metadataJson: JSON.stringify(line.metadata),
  });

const Sha256Hex = refined('Sha256Hex', t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'a SHA-256 hash: 64 lowercase hex digits', {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
});

const ActorRoleCodec = oneOf('ActorRole', ['receptionist', 'processing-officer', 'unit-head', 'director', 'inspector', 'citizen', 'system']);

/** The envelope every line must have; the event's own data is checked against its codec afterwards. */
export const ExportLineCodec = t.intersection([
  t.type({
    globalPosition: PositiveInt,
    streamId: NonEmptyString,
    streamVersion: PositiveInt,
    type: NonEmptyString,
    data: t.unknown,
    metadata: t.intersection([
      t.type({
        eventId: NonEmptyString,
        occurredAt: Instant,
        actor: t.type({ id: NonEmptyString, role: ActorRoleCodec }),
        tenantId: NonEmptyString,
        correlationId: NonEmptyString,
        causationId: NonEmptyString,
        recordedAt: Instant,
      }),
      t.partial({ ruleSetVersion: NonEmptyString, idempotencyKey: NonEmptyString, commandHash: NonEmptyString }),
    ]),
    previousHash: Sha256Hex,
    hash: Sha256Hex,
  }),
  t.partial({ hashedStreamId: NonEmptyString }),
]);

export const decodeEnvelope = (value: unknown) => decode(ExportLineCodec, value);
