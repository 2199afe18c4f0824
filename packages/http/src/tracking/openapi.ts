import { openApiQuery } from '../query-parameters.js';
import { TRACKING_QUERY } from './routes.js';

/** OpenAPI path items of citizen tracking (docs/tracking.md), merged into the server's document. */
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const codeParameter = { name: 'code', in: 'path', required: true, description: 'The dossier code on the receipt, URL-encoded', schema: { type: 'string' }, example: '000.00.15.H55-260302-0001' };

const trackingAnswerSchema = {
  type: 'object',
  required: ['code', 'lang', 'status', 'statusText', 'missingDocuments', 'nextStep'],
  properties: {
    code: { type: 'string' },
    lang: { type: 'string', enum: ['vi', 'en'] },
    status: { type: 'string' },
    statusText: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    dueDate: { type: 'string', format: 'date', description: 'The promised return date in force' },
    missingDocuments: { type: 'array', items: { type: 'string' }, description: 'Documents asked for and not yet received' },
    nextStep: { type: 'string' },
    resultReadyAt: { type: 'string', format: 'date-time' },
    returnedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

export const trackingPaths = (): Record<string, Record<string, unknown>> => ({
  '/track/{code}': {
    get: {
      operationId: 'trackDossier',
      summary: "A citizen follows a dossier with the receipt's PIN or its signed link (no login)",
      description:
        'Give `pin` (or the `X-Tracking-PIN` header) or `t` (the signed link of the receipt\'s QR code). An unknown code, a wrong PIN and a link signed by no province get the same 404. ' +
        'Lookups are limited per client IP and failed lookups per province and code (429 with Retry-After): give `province` with a PIN so that guesses without one never hold yours back. Language: `lang`, else `Accept-Language`, else Vietnamese.',
      tags: ['tracking'],
      security: [],
      parameters: [
        codeParameter,
        ...openApiQuery(TRACKING_QUERY),
        { name: 'X-Tracking-PIN', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'The dossier as the citizen sees it',
          content: {
            'application/json': {
              schema: trackingAnswerSchema,
              example: {
                code: '000.00.15.H55-260302-0001', lang: 'en', status: 'AWAITING_SUPPLEMENT', statusText: 'Waiting for missing documents',
                receivedAt: '2026-03-02T09:00:00+07:00', dueDate: '2026-03-09', missingDocuments: ['Bản sao giấy khai sinh'],
                nextStep: 'Bring the missing documents; the time limit starts again once the dossier is complete.', updatedAt: '2026-03-04T10:00:00+07:00',
              },
            },
          },
        },
        '400': problemResponse('Neither or both of pin and t, an unknown lang, or a province that is not a province id'),
        '404': problemResponse('No dossier matches this code and PIN (the same answer for an unknown code)'),
        '410': problemResponse('The signed link has expired'),
        '429': problemResponse('Too many lookups; Retry-After says when to try again'),
      },
    },
  },
  '/dossiers/{code}/receipt': {
    get: {
      operationId: 'getReceiptTracking',
      summary: 'The tracking PIN and signed link (QR payload) printed on the receipt (form 01)',
      description: 'Staff of the province within their units. The PIN and link are derived from the province\'s tracking secret; nothing is stored.',
      tags: ['tracking'],
      parameters: [codeParameter],
      responses: {
        '200': {
          description: 'PIN, link and the QR payload',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['code', 'pin', 'link', 'qrPayload', 'linkExpiresAt'],
                properties: { code: { type: 'string' }, pin: { type: 'string' }, link: { type: 'string' }, qrPayload: { type: 'string' }, linkExpiresAt: { type: 'string', format: 'date-time' } },
              },
              example: {
                code: '000.00.15.H55-260302-0001', pin: '40718236',
                link: 'https://dichvucong.example.vn/track/000.00.15.H55-260302-0001?t=thai-nguyen.1804032000.Y2hhbmdlLW1lLXBsZWFzZQ',
                qrPayload: 'https://dichvucong.example.vn/track/000.00.15.H55-260302-0001?t=thai-nguyen.1804032000.Y2hhbmdlLW1lLXBsZWFzZQ',
                linkExpiresAt: '2027-03-02T02:00:00.000Z',
              },
            },
          },
        },
        '401': problemResponse('No valid bearer token'),
        '403': problemResponse('Outside your role or units'),
        '404': problemResponse('No such dossier in your province'),
        '503': problemResponse('No tracking secret is configured for your province'),
      },
    },
  },
});
