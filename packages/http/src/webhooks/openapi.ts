import { openApiQuery } from '../query-parameters.js';
import { deadLetterQuery } from './routes.js';

/** OpenAPI path items of webhook subscriptions and dead letters (docs/notifications.md), merged into the server's document. */
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const json = (description: string, schema: unknown, example?: unknown) => ({
  description,
  content: { 'application/json': { schema, ...(example === undefined ? {} : { example }) } },
});
const ERRORS = { '401': problemResponse('No valid bearer token'), '403': problemResponse('Only the system role manages webhooks') };
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const subscription = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    tenantId: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    types: { type: 'array', items: { type: 'string', enum: ['dossier.status-changed', 'dossier.due-date-changed'] } },
    statuses: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    startAfter: { type: 'integer' },
    previousSecretUntil: { type: 'string', format: 'date-time' },
    secret: { type: 'string', description: 'Shown only when the subscription is made and when its secret is rotated' },
  },
};
const example = {
  id: 'sub_q3X9k2LmPz0a', tenantId: 'thai-nguyen', url: 'https://sms-gateway.example.vn/motcua', types: ['dossier.status-changed'],
  statuses: ['AWAITING_SUPPLEMENT', 'RESULT_READY'], createdAt: '2026-03-02T02:00:00.000Z', startAfter: 1042,
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3tKmo7HO3Jk=',
};
const delivery = { type: 'object', description: 'A message on its way to a subscription: attempts, next due time, last error, the message' };

export const webhookPaths = (): Record<string, Record<string, unknown>> => ({
  '/webhooks/subscriptions': {
    post: {
      operationId: 'createWebhookSubscription',
      summary: 'Subscribe a receiver (SMS, Zalo, e-mail gateway) to status notifications of your province',
      tags: ['webhooks'],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: subscription.properties.url, types: subscription.properties.types, statuses: subscription.properties.statuses } },
            example: { url: 'https://sms-gateway.example.vn/motcua', types: ['dossier.status-changed'], statuses: ['AWAITING_SUPPLEMENT', 'RESULT_READY'] },
          },
        },
      },
      responses: { '201': json('The subscription with its secret (shown this once)', subscription, example), '400': problemResponse('A field is not valid'), ...ERRORS },
    },
    get: { operationId: 'listWebhookSubscriptions', summary: 'Subscriptions of your province (no secrets)', tags: ['webhooks'], responses: { '200': json('Subscriptions', { type: 'object', properties: { items: { type: 'array', items: subscription } } }), ...ERRORS } },
  },
  '/webhooks/subscriptions/{id}': {
    get: { operationId: 'getWebhookSubscription', summary: 'One subscription (no secret)', tags: ['webhooks'], parameters: [idParameter], responses: { '200': json('The subscription', subscription), ...ERRORS, '404': problemResponse('No such subscription in your province') } },
    delete: { operationId: 'deleteWebhookSubscription', summary: 'Stop sending to a receiver; its queued deliveries are dropped', tags: ['webhooks'], parameters: [idParameter], responses: { '204': { description: 'Deleted' }, ...ERRORS, '404': problemResponse('No such subscription in your province') } },
  },
  '/webhooks/subscriptions/{id}/secret-rotation': {
    post: {
      operationId: 'rotateWebhookSecret',
      summary: 'A new signing secret; the old one keeps signing beside it for a grace period (24 h by default)',
      tags: ['webhooks'], parameters: [idParameter],
      responses: { '200': json('The subscription with its new secret', subscription, example), ...ERRORS, '404': problemResponse('No such subscription in your province') },
    },
  },
  '/webhooks/queue': {
    get: { operationId: 'listWebhookQueue', summary: 'Deliveries waiting for their next attempt, earliest due first', tags: ['webhooks'], responses: { '200': json('Queued deliveries', { type: 'object', properties: { items: { type: 'array', items: delivery } } }), ...ERRORS } },
  },
  '/webhooks/dead-letters': {
    get: {
      operationId: 'listWebhookDeadLetters', summary: 'Deliveries given up after their last attempt', tags: ['webhooks'],
      parameters: openApiQuery(deadLetterQuery('')),
      responses: { '200': json('Dead letters', { type: 'object', properties: { items: { type: 'array', items: delivery }, nextCursor: { type: 'string' } } }), ...ERRORS },
    },
  },
  '/webhooks/dead-letters/{id}/redrive': {
    post: {
      operationId: 'redriveWebhookDeadLetter', summary: 'Send a dead letter again: back in the queue, due now, attempts counted afresh, the same message id', tags: ['webhooks'], parameters: [idParameter],
      responses: { '202': json('Queued again', { type: 'object', properties: { id: { type: 'string' }, queued: { type: 'boolean' } } }), ...ERRORS, '404': problemResponse('No such dead letter in your province') },
    },
  },
});
