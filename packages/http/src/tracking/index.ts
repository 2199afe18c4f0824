export { registerTrackingRoutes, receiptTracking } from './routes.js';
export { trackingPaths } from './openapi.js';
export { trackingPin, trackingLinkToken, checkLinkToken, PIN_DIGITS } from './tracking-secret.js';
export type { TrackingOptions } from './options.js';
export type { TrackingAnswer } from './answer.js';
