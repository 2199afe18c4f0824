import type { FastifyError } from 'fastify';
import { BodyRefused } from './json-body.js';
import { httpProblems, problem } from './problem.js';

/** Fastify's own errors (bad JSON, media type, size, URL) as problems; anything else is a bug: 500. */
export const problemOfError = (error: FastifyError) => {
  if (error instanceof BodyRefused) return error.problem;
  const status = error.statusCode ?? 500;
  if (status >= 500) return httpProblems.internal();
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'send the body as application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return httpProblems.invalidInput('', 'json', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return httpProblems.invalidInput('', 'json', 'the body is not valid JSON');
    default:
      if (error instanceof SyntaxError || status === 400) return httpProblems.invalidInput('', 'json', `the request could not be read: ${error.message}`);
      return problem(status, 'BAD_REQUEST', 'Bad request', error.message);
  }
};
