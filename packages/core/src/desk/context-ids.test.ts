import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from '../fp.js';
import { decodeExact } from '../kernel/codec.js';
import { EventMetadataCodec } from '../kernel/event-metadata.js';
import { establish } from '../org/org.testkit.js';
import { createDesk } from './create-desk.js';

/**
 * The ids a command's context gives are written into its events' metadata for good (docs/record-as-evidence.md):
 * the desk takes only ids a store, an export, an import and a migration all take.
 */
describe('the ids of a command context', () => {
  const system = { actor: { id: 'sync', role: 'system' as const }, tenantId: 'bac-ninh' };
  const FIELDS = ['correlationId', 'causationId', 'idempotencyKey'] as const;

  it.each(FIELDS.flatMap((field) => ['', '  ', 7, null].map((value) => [field, value] as const)))('refuses %s %j, naming it, and writes nothing', async (field, value) => {
    // Given a desk
    const desk = createDesk();
    // When a command comes with that id empty or not a string
    const result = await desk.units.handle(establish(), { ...system, [field]: value as never });
    // Then it is refused as invalid input naming the field, and nothing is written
    expect(isLeft(result) && result.left).toMatchObject({ _tag: 'InvalidInput', issues: [{ field, rule: 'NonEmptyString' }] });
    expect((await desk.store.readAll()).events).toEqual([]);
  });

  it('law: the desk takes a command exactly when each id it is given is a non-empty string, and its events carry metadata every store, export and migration takes', async () => {
    const id = fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant(' '), fc.string({ maxLength: 4 }));
    await fc.assert(
      fc.asyncProperty(id, id, id, async (correlationId, causationId, idempotencyKey) => {
        const desk = createDesk({ references: 'unchecked' });
        const given = { correlationId, causationId, idempotencyKey };
        const context = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
        const result = await desk.units.handle(establish(), { ...system, ...context });
        const good = Object.values(given).every((value) => value === undefined || value.trim() !== '');
        expect(isRight(result)).toBe(good);
        if (!isRight(result)) return;
        for (const event of result.right.events) {
          const { streamId: _s, streamVersion: _v, globalPosition: _g, ...metadata } = event.metadata;
          expect(isRight(decodeExact(EventMetadataCodec, metadata))).toBe(true);
          expect(metadata).toMatchObject(context);
        }
      }),
      { numRuns: 80 },
    );
  });
});
