export { registerWebhookRoutes, type WebhookOptions } from './routes.js';
export { webhookPaths } from './openapi.js';
export { fetchWebhookSender } from './sender.js';
