export { buildServer, type HttpServerOptions } from './server.js';
export { FEED_LIMIT_DEFAULTS, type EventFeedLimits } from './feed-limits.js';
export { issueDevelopmentToken, createTokenVerifier, AuthError, type AuthOptions, type Principal, type TokenClaims, type TokenVerifier } from './auth.js';
export { serverReadSide, type ReadSide } from './read-side.js';
export { openApiDocument, type OpenApiOptions } from './openapi.js';
export { commandRoutes, STREAM_ROUTES, type CommandRoute, type StreamRoutes, type StreamKey } from './route-table.js';
export { problem, problemType, domainProblem, PROBLEM_TYPE_BASE, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
export { trackingPin, trackingLinkToken, type TrackingOptions, type TrackingAnswer } from './tracking/index.js';
export { fetchWebhookSender, type WebhookOptions } from './webhooks/index.js';
