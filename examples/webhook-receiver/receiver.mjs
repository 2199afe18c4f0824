// A webhook receiver for motcua's status notifications: verifies Standard Webhooks signatures, refuses
// replays outside a time window, drops duplicates by webhook-id, and hands each new message to a
// gateway (here: one JSON line on stdout). Node 20, no dependencies. See README.md and docs/notifications.md.
//
//   WEBHOOK_SECRET=whsec_... PORT=8080 SEEN_FILE=seen.txt node receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** Seconds a timestamp may be away from now: older deliveries are refused as replays. */
const TOLERANCE_SECONDS = Number(process.env.TOLERANCE_SECONDS ?? 300);
const MAX_BODY = 256 * 1024;

/** Every secret that may sign (during a rotation, the new and the old one). */
const secrets = (process.env.WEBHOOK_SECRET ?? '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('whsec_'));
if (secrets.length === 0) {
  console.error('set WEBHOOK_SECRET to the subscription secret (whsec_...)');
  process.exit(2);
}

/**
 * Is this delivery signed by one of `secrets`, within the replay window?
 * The signed content is `<webhook-id>.<webhook-timestamp>.<raw body>`; the key is the base64 after `whsec_`.
 */
export const verify = (headers, body, nowSeconds = Math.floor(Date.now() / 1000)) => {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string' || !/^\d+$/.test(timestamp)) return 'missing webhook headers';
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return 'timestamp outside the replay window';
  for (const secret of secrets) {
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest();
    for (const signature of signatures.split(' ')) {
      if (!signature.startsWith('v1,')) continue;
      const given = Buffer.from(signature.slice(3), 'base64');
      if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
    }
  }
  return 'no valid signature';
};

// Ids already handled. Kept in SEEN_FILE when given, so a restart does not hand a message on twice.
const seenFile = process.env.SEEN_FILE;
const seen = new Set(seenFile !== undefined && existsSync(seenFile) ? readFileSync(seenFile, 'utf8').split('\n').filter(Boolean) : []);

/** What a gateway does with a new message: send the SMS, the Zalo message or the e-mail. Here: print it. */
const handOn = (id, message) => {
  process.stdout.write(`${JSON.stringify({ id, type: message.type, dossierCode: message.data?.dossierCode, status: message.data?.status })}\n`);
};

const server = createServer((request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(405).end();
    return;
  }
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) request.destroy();
    else chunks.push(chunk);
  });
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const refusal = verify(request.headers, body);
    if (refusal !== undefined) {
      process.stderr.write(`refused: ${refusal}\n`);
      response.writeHead(401, { 'content-type': 'text/plain' }).end(refusal);
      return;
    }
    const id = request.headers['webhook-id'];
    if (seen.has(id)) {
      // Already handled: answer 2xx so the sender stops, and do nothing more.
      response.writeHead(204).end();
      return;
    }
    let message;
    try {
      message = JSON.parse(body);
    } catch {
      response.writeHead(400).end('not JSON');
      return;
    }
    handOn(id, message);
    seen.add(id);
    if (seenFile !== undefined) appendFileSync(seenFile, `${id}\n`);
    response.writeHead(204).end();
  });
});

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  process.stderr.write(`listening on ${address.address}:${address.port}\n`);
});
