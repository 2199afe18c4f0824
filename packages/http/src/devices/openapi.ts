/** OpenAPI path items of device credentials (docs/device-ratings.md), merged into the server's document. */
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const ERRORS = { '401': problemResponse('No valid bearer token'), '403': problemResponse('Only the system role manages devices') };
const device = {
  type: 'object',
  properties: {
    deviceId: { type: 'string' }, tenantId: { type: 'string' }, unitId: { type: 'string' }, label: { type: 'string' },
    issuedAt: { type: 'string', format: 'date-time' }, revokedAt: { type: 'string', format: 'date-time' },
    credential: { type: 'string', description: 'Shown once, when issued: the device sends it as `Authorization: Bearer <credential>`' },
  },
};

export const devicePaths = (): Record<string, Record<string, unknown>> => ({
  '/devices': {
    post: {
      operationId: 'issueDeviceCredential',
      summary: 'Issue a credential to a counter tablet or kiosk of one unit: it may then post ratings (RateDossier, channel counter-device) for dossiers of that unit',
      tags: ['devices'],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['unitId'], additionalProperties: false, properties: { unitId: { type: 'string' }, label: { type: 'string', maxLength: 100 } } },
            example: { unitId: 'tn-phuc-vu-hcc', label: 'Quầy 3 - máy tính bảng' },
          },
        },
      },
      responses: {
        '201': {
          description: 'The device and its credential (shown this once)',
          content: {
            'application/json': {
              schema: device,
              example: { deviceId: 'dev_Q3x9k2LmPz0a', tenantId: 'thai-nguyen', unitId: 'tn-phuc-vu-hcc', label: 'Quầy 3 - máy tính bảng', issuedAt: '2026-03-02T01:00:00.000Z', credential: 'mcd_thai-nguyen.dev_Q3x9k2LmPz0a.3q2-7wXbQ9k1mZrTg8sVfLhYcNpD4eJuA6oBiK0lRyE' },
            },
          },
        },
        '400': problemResponse('A field is not valid'),
        ...ERRORS,
      },
    },
    get: { operationId: 'listDevices', summary: 'Devices of your province, revoked ones with when', tags: ['devices'], responses: { '200': { description: 'Devices', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: device } } } } } }, ...ERRORS } },
  },
  '/devices/{deviceId}': {
    delete: {
      operationId: 'revokeDevice', summary: 'Revoke a device: its credential stops working at once', tags: ['devices'],
      parameters: [{ name: 'deviceId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '204': { description: 'Revoked' }, ...ERRORS, '404': problemResponse('No such device in your province, or already revoked') },
    },
  },
});
