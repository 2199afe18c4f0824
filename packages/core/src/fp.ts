/**
 * The one door to fp-ts and io-ts. Both are frozen upstream; keeping every import here means a later
 * move (to Effect or another codec library) touches one file.
 */
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { pipe, flow, identity } from 'fp-ts/lib/function.js';

export { t, E, pipe, flow, identity };
export type Either<L, R> = E.Either<L, R>;
export type Left<L> = E.Left<L>;
export type Right<R> = E.Right<R>;

export const left = <L, R = never>(l: L): Either<L, R> => E.left(l);
export const right = <R, L = never>(r: R): Either<L, R> => E.right(r);
export const isLeft = E.isLeft;
export const isRight = E.isRight;
