import { t } from '../fp.js';
import { ACTOR_ROLES, type Actor } from './envelope.js';
import { ActorId, NonEmptyString, oneOf, preview } from './primitives.js';

export const ActorRoleCodec = oneOf('ActorRole', ACTOR_ROLES);

/** Who did what an event records: a non-empty id and one of the roles (`ACTOR_ROLES`). */
export const ActorCodec: t.Type<Actor, Actor, unknown> = t.type({ id: NonEmptyString, role: ActorRoleCodec }, 'Actor');

/**
 * Who asks for a command to be decided: the id the log will keep is screened as subject ids are
 * (`ActorId`, docs/personal-data.md); events already recorded are read with `ActorCodec`.
 */
export const NewActorCodec: t.Type<Actor, Actor, unknown> = t.type({ id: ActorId, role: ActorRoleCodec }, 'Actor');

export const isActorRole = (value: unknown): value is Actor['role'] => ActorRoleCodec.is(value);

/**
 * What is wrong with the actor of an event to be appended, or `undefined`: an id that is empty, or a
 * role outside `ACTOR_ROLES`. An append refuses it, so the log never holds a role nobody can act as.
 */
export const actorProblem = (actor: Readonly<Record<string, unknown>>): string | undefined => {
  if (!NonEmptyString.is(actor.id)) return `actor.id is ${preview(actor.id)}, not a non-empty string`;
  if (!isActorRole(actor.role)) return `actor.role is ${preview(actor.role)}, not one of ${ACTOR_ROLES.join(', ')}`;
  return undefined;
};
