import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver saw of one request, its signature checked here, apart from the library's own code. */
export interface Received {
  readonly id: string;
  readonly timestamp: number;
  readonly signed: boolean;
  readonly body: { type: string; data: { dossierCode: string; status: string; tenantId: string; position: number } };
  readonly answered: number;
}

export const signedBy = (secret: string, headers: IncomingHttpHeaders, body: string): boolean => {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .some((signature) => {
      const given = Buffer.from(signature.replace(/^v1,/, ''), 'base64');
      return signature.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected);
    });
};

/** A receiver in the test: answers `status()` and records every request. */
export const receiver = async (secrets: () => readonly string[], status: () => number = () => 204, port = 0) => {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = status();
      received.push({
        id: String(request.headers['webhook-id']),
        timestamp: Number(request.headers['webhook-timestamp']),
        signed: secrets().some((secret) => signedBy(secret, request.headers, body)),
        body: JSON.parse(body) as Received['body'],
        answered,
      });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, port: (server.address() as AddressInfo).port, close };
};

