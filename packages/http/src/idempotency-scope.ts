/**
 * The store-wide idempotency key of a caller's `Idempotency-Key`: keys are the caller's own, so two
 * callers never collide, nor can one probe another's keys. The three parts are encoded as a JSON
 * array, so no choice of parts (a `/` in a province id or a subject) gives another caller's scope.
 */
export const idempotencyScope = (tenantId: string, subject: string, key: string): string => JSON.stringify([tenantId, subject, key]);
