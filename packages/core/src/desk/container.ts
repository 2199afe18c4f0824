// tsyringe needs the Reflect metadata API at load time, before its own module body runs.
import 'reflect-metadata';
import { container as rootContainer, instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import { createVietnamCalendar } from '../calendar/index.js';
import { defaultRuleBook } from '../rules/index.js';
import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import type { EventStore } from '../kernel/event-store.js';
import { InMemoryEventStore } from './in-memory-store.js';
import { systemClock, uuidGenerator, type Clock, type IdGenerator } from '../kernel/ports.js';
import { buildDesk, type DeskOptions } from './desk.js';
import { TOKENS } from './tokens.js';
import { checkDeskOptions } from './desk-options.js';

export interface MotcuaContainerOptions {
  /** Default: a fresh in-memory store checking the desk's event codecs (`deskEventCodecs`). */
  readonly store?: EventStore;
  /** Default: the Vietnam calendar with the built-in civil-service schedules. */
  readonly calendar?: WorkingDayCalendar;
  /** Default: the built-in rule sets and sample procedure catalogue. */
  readonly rules?: RuleBook;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Allowed clock skew and late-entry lag for business time; see `DeskOptions`. */
  readonly businessTime?: DeskOptions['businessTime'];
  /** Where named officers and units are looked up; see `DeskOptions`. Default: their streams in the store. */
  readonly references?: DeskOptions['references'];
  /** Register into this container instead of a new child of tsyringe's root container. */
  readonly parent?: DependencyContainer;
}

/**
 * A child container with motcua's defaults registered under `TOKENS`. Each call gives an isolated
 * container, so two desks in one process share nothing; override any token before resolving.
 */
export const createMotcuaContainer = (options: MotcuaContainerOptions = {}): DependencyContainer => {
  checkDeskOptions(options, ['parent']);
  const container = (options.parent ?? rootContainer).createChildContainer();
  const single = <T>(token: symbol, value: T | undefined, make: (c: DependencyContainer) => T) =>
    value === undefined
      ? container.register(token, { useFactory: instanceCachingFactory(make) })
      : container.register(token, { useValue: value });
  single(TOKENS.EventStore as symbol, options.store, () => new InMemoryEventStore({ clock: container.resolve(TOKENS.Clock) }));
  single(TOKENS.Calendar as symbol, options.calendar, () => createVietnamCalendar());
  single(TOKENS.RuleBook as symbol, options.rules, () => defaultRuleBook());
  single(TOKENS.Clock as symbol, options.clock, () => systemClock);
  single(TOKENS.IdGenerator as symbol, options.ids, () => uuidGenerator);
  container.register(TOKENS.Desk, {
    useFactory: instanceCachingFactory((c) =>
      buildDesk({
        store: c.resolve(TOKENS.EventStore),
        calendar: c.resolve(TOKENS.Calendar),
        rules: c.resolve(TOKENS.RuleBook),
        ids: c.resolve(TOKENS.IdGenerator),
        clock: c.resolve(TOKENS.Clock),
        ...(options.businessTime === undefined ? {} : { businessTime: options.businessTime }),
        ...(options.references === undefined ? {} : { references: options.references }),
      }),
    ),
  });
  return container;
};
