import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * Headers on every answer of the API: JSON is never sniffed as something else, framed, or sent with a
 * referrer, and a page that somehow renders an answer may load nothing. A route that serves a page
 * (`/docs`) sets its own `content-security-policy`, which is kept.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'cross-origin-opener-policy': 'same-origin',
};

export const registerSecurityHeaders = (app: FastifyInstance): void => {
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
  });
};

/** What Node's HTTP parser refused before any route ran, as a problem. */
const clientProblem = (error: NodeJS.ErrnoException) => {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'HEADERS_TOO_LARGE', 'Request header fields too large', 'the request headers exceed the size this server reads (16 KiB by default)');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'REQUEST_TIMEOUT', 'Request timeout', 'the request did not arrive in time');
    default:
      return problem(400, 'BAD_REQUEST', 'Bad request', 'the request is not valid HTTP/1.1');
  }
};

/**
 * Fastify's `clientErrorHandler`: a request the HTTP parser could not read (headers too large, a
 * timeout, malformed HTTP) is answered with a problem like every other error, then the connection closes.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const found = clientProblem(error);
    const body = JSON.stringify(found);
    const headers = [
      `HTTP/1.1 ${found.status} ${STATUS_CODES[found.status] ?? 'Error'}`,
      `content-type: ${PROBLEM_CONTENT_TYPE}`,
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      ...Object.entries(API_SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${headers.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
