import type { InjectionToken } from 'tsyringe';
import type { WorkingDayCalendar } from '../calendar/types.js';
import type { RuleBook } from '../rules/types.js';
import type { EventStore } from '../kernel/event-store.js';
import type { Clock, IdGenerator } from '../kernel/ports.js';
import type { Desk } from './desk.js';

/** Injection tokens: every dependency is registered under one of these, never by class. */
export const TOKENS = {
  EventStore: Symbol.for('motcua.EventStore') as InjectionToken<EventStore>,
  Calendar: Symbol.for('motcua.Calendar') as InjectionToken<WorkingDayCalendar>,
  RuleBook: Symbol.for('motcua.RuleBook') as InjectionToken<RuleBook>,
  Clock: Symbol.for('motcua.Clock') as InjectionToken<Clock>,
  IdGenerator: Symbol.for('motcua.IdGenerator') as InjectionToken<IdGenerator>,
  Desk: Symbol.for('motcua.Desk') as InjectionToken<Desk>,
} as const;
