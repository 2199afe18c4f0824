import { t, E } from '../fp.js';

/**
 * A codec that validates `shape`, then runs checks across fields that a shape cannot express
 * (a date inside the schedule's year, ranges in order). Each failure names its nested field, e.g.
 * `daysOff.1.date`. The shape is validated under the caller's key so its intersections never show
 * up in field paths.
 */
export type Fail = (path: readonly (string | number)[], value: unknown, rule: string, message: string) => void;

// `shape` is kept on the codec so the unknown-field check (exact.ts) can see which fields it names.
export const checked = <A, R>(name: string, shape: t.Type<A, unknown, unknown>, check: (value: A, fail: Fail) => void) =>
  Object.assign(new t.Type<R, R, unknown>(
    name,
    (u): u is R => {
      if (!shape.is(u)) return false;
      let ok = true;
      check(u, () => (ok = false));
      return ok;
    },
    (u, c) => {
      const last = c[c.length - 1];
      const shaped = shape.validate(u, last ? [...c.slice(0, -1), { ...last, type: shape }] : c);
      if (E.isLeft(shaped)) return shaped;
      const errors: t.ValidationError[] = [];
      check(shaped.right, (path, value, rule, message) => {
        let context = c;
        path.forEach((key, i) => {
          // The last entry carries the rule's name: that is what the issue reports as `rule`.
          const type = i === path.length - 1 ? new t.Type(rule, t.unknown.is, t.unknown.validate, t.identity) : t.unknown;
          context = t.appendContext(context, String(key), type, value);
        });
        errors.push({ value, context, message });
      });
      return errors.length === 0 ? t.success(shaped.right as unknown as R) : t.failures(errors);
    },
    t.identity,
  ), { shape });
