import type { RecordedEvent } from '../../kernel/envelope.js';

/**
 * Field guards for events read back from the log. The log was decoded at append time, so read
 * models check only the fields they use, cheaply, and a malformed event stops the projection at that
 * event with a message naming the field (never a half-applied change: guards run before any update).
 */
export class EventFields {
  private readonly data: Record<string, unknown>;

  constructor(private readonly event: RecordedEvent) {
    const data = event.data;
    if (data === null || typeof data !== 'object') throw this.error('data', 'an object');
    this.data = data as Record<string, unknown>;
  }

  text(field: string): string {
    const value = this.data[field];
    if (typeof value !== 'string' || value.length === 0) throw this.error(field, 'a non-empty string');
    return value;
  }

  optionalText(field: string): string | undefined {
    return this.data[field] === undefined ? undefined : this.text(field);
  }

  date(field: string): string {
    const value = this.text(field);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw this.error(field, 'a date YYYY-MM-DD');
    return value;
  }

  count(field: string): number {
    const value = this.data[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw this.error(field, 'a whole number ≥ 0');
    return value;
  }

  flag(field: string): boolean {
    const value = this.data[field];
    if (typeof value !== 'boolean') throw this.error(field, 'true or false');
    return value;
  }

  oneOf<const V extends string>(field: string, values: readonly V[]): V {
    const value = this.data[field];
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw this.error(field, `one of ${values.join(', ')}`);
    return value as V;
  }

  /** Scores 0–5 by name (ratings); unknown names and values outside `min`–`max` are refused. */
  scores(field: string, names: readonly string[], min: number, max: number): Readonly<Record<string, number>> | undefined {
    const value = this.data[field];
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object') throw this.error(field, 'an object of scores');
    const scores: Record<string, number> = {};
    for (const [name, score] of Object.entries(value)) {
      if (!names.includes(name)) throw this.error(`${field}.${name}`, `one of ${names.join(', ')}`);
      if (typeof score !== 'number' || !Number.isInteger(score) || score < min || score > max) {
        throw this.error(`${field}.${name}`, `a whole number ${min}–${max}`);
      }
      scores[name] = score;
    }
    return scores;
  }

  private error(field: string, expected: string): Error {
    const { type, metadata } = this.event;
    return new Error(`${type} at global position ${metadata.globalPosition}: ${field} must be ${expected}`);
  }
}
