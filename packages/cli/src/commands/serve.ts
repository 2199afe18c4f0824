import type { Command } from 'commander';
import {
  createDesk,
  notificationOutboxProjection,
  ProjectionEngine,
  ROLES_BUT_DEVICE,
  WebhookDispatcher,
  type ActorRole,
  type Desk,
  type DocumentStore,
  type EventStore,
  type ReadModel,
  type WebhookSender,
} from '@motcua/core';
import { CliError, type CliIo } from '../cli-io.js';
import { openStore } from '../open-store.js';
import { defaultReadModels } from '../read-models.js';
import { ACTIVE_DESKS, DEMO_TENANT, officersOf, PROVINCE_CENTRE } from '../seed/province.js';
import { DEFAULT_SEED } from '../seed/index.js';
import { httpUrl, integerIn, nonEmpty, port as portArgument, routePrefix } from '../validate.js';
import type { GlobalOptions } from './global.js';
import { runSeed } from './seed.js';
import { serveAuthOf } from './serve-auth.js';
import { trackingSecretsOf } from './tracking-secrets.js';

/** What the server reads besides streams (`ReadSide` of @motcua/http). */
export interface ServedReadSide {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each read model has its own document type
  readonly readModels: readonly ReadModel<any>[];
  readonly documents: DocumentStore;
  /** Who may read each read model, by name (the server's default: director, inspector, system). */
  readonly roles?: Readonly<Record<string, readonly ActorRole[]>>;
  readonly close?: () => Promise<void>;
}

/** What `serve` needs from @motcua/http (checked against the package's own types in `loadHttp`). */
export interface HttpModule {
  buildServer(options: {
    desk: Desk;
    auth: { hs256Secret?: string; jwks?: string; issuer?: string; audience?: string };
    logger?: boolean | { level: string };
    readSide?: ServedReadSide;
    tracking?: { secrets: Record<string, string> };
    webhooks?: { allowHttp?: boolean };
    devices?: Record<string, never>;
    prefix?: string;
  }): HttpServer | Promise<HttpServer>;
  /** Sends webhooks (docs/notifications.md); without it, `serve` runs no dispatcher. */
  fetchWebhookSender?: WebhookSender;
  issueDevelopmentToken(
    secret: string,
    claims: { sub: string; role: ActorRole; tenantId: string; unitIds: readonly string[]; subjectId?: string },
    expiresIn: string,
    options?: { issuer?: string; audience?: string },
  ): string | Promise<string>;
}

export interface HttpServer {
  listen(options: { host: string; port: number }): PromiseLike<unknown>;
  /** Fastify's `close()` is thenable, not a Promise. */
  close(): PromiseLike<unknown>;
}

/** Loaded on demand, so the other commands run without the server and its dependencies. */
export const loadHttp = async (): Promise<HttpModule> => {
  try {
    return await import('@motcua/http');
  } catch (error) {
    throw new CliError(`cannot load @motcua/http (${(error as Error).message}); install and build it first (\`pnpm install && pnpm build\`)`);
  }
};

/** The dashboard's readers (docs/dashboard.md): unit heads too, within their province as every figure route keeps them. */
const FIGURE_READERS: readonly ActorRole[] = ['unit-head', 'director', 'inspector', 'system'];
/** Roles given a dashboard sign-in link in development. */
const DASHBOARD_ROLES: readonly ActorRole[] = ['unit-head', 'director', 'inspector'];

/** Roles given a development token: a device signs in with a device credential instead (docs/device-ratings.md). */
const DEV_ROLES: readonly ActorRole[] = ROLES_BUT_DEVICE;

/** An applicant of the demo data, so the citizen token can read its own dossiers. */
const someApplicant = async (store: EventStore): Promise<string | undefined> => {
  const page = await store.readAll({ maxCount: 2000 });
  const received = page.events.find((event) => event.type === 'DossierReceived');
  return (received?.data as { applicantId?: string } | undefined)?.applicantId;
};

const subjectFor = (role: ActorRole): string => {
  const unitRole = { receptionist: 'receiving-officer', 'processing-officer': 'processing-officer', 'unit-head': 'desk-head' } as const;
  if (role in unitRole) return officersOf(PROVINCE_CENTRE, unitRole[role as keyof typeof unitRole])[0]?.officerId ?? `dev-${role}`;
  return role === 'director' ? 'director-thai-nguyen' : role === 'inspector' ? 'inspector-thai-nguyen' : `dev-${role}`;
};

export const registerServe = (
  program: Command,
  io: CliIo,
  globals: () => GlobalOptions,
  load: () => Promise<HttpModule> = loadHttp,
): void => {
  program
    .command('serve')
    .description('serve the desk over HTTP (@motcua/http) on the SQLite store, printing the docs URL and a development token per role')
    .option('--port <port>', 'TCP port (0: any free port)', portArgument, 3000)
    .option('--host <host>', 'interface to listen on', nonEmpty('--host'), '127.0.0.1')
    .option('--prefix <path>', 'serve every route, page and link under this path, e.g. /api/motcua (default: the root)', routePrefix)
    .option('--seed', 'seed the demo province first (default seed; see `motcua seed`); nothing is written when already seeded')
    .option('--months <n>', 'months of demo dossiers with --seed', integerIn('--months', 1, 24), 3)
    .option('--secret <secret>', 'HS256 secret for tokens (default: $MOTCUA_JWT_SECRET, or a random one per run)')
    .option('--production', 'print no tokens; require a secret of 256 bits or --jwks-url (also when NODE_ENV=production)')
    .option('--jwks-url <url>', "the identity provider's JWKS URL, for RS256/ES256 tokens", httpUrl('--jwks-url'))
    .option('--issuer <iss>', 'required `iss` claim of every token', nonEmpty('--issuer'))
    .option('--audience <aud>', 'required `aud` claim of every token', nonEmpty('--audience'))
    .option('--tracking-secrets <file>', "each province's receipt tracking secret, as <province>=<secret> lines (default: $MOTCUA_TRACKING_SECRETS_FILE)", nonEmpty('--tracking-secrets'))
    .addHelpText(
      'after',
      '\nExamples:\n  $ motcua serve --db demo.db\n  $ motcua serve --seed --port 3001\n' +
        '  $ MOTCUA_JWT_SECRET=$(openssl rand -hex 32) motcua serve --production --host 0.0.0.0\n' +
        '  $ motcua serve --production --jwks-url https://id.example.vn/jwks.json --issuer https://id.example.vn --audience motcua\n\n' +
        'The development tokens are signed with the secret and valid for 12 hours; a random secret (the default)\n' +
        'changes at each start, so set MOTCUA_JWT_SECRET to keep tokens valid across restarts.\n' +
        'Receipt tracking PINs (GET /track/{code}) are derived from a secret per province: each line of the\n' +
        '--tracking-secrets file (`<province>=<secret>`, 16 bytes or more; # starts a comment) gives one, and\n' +
        "MOTCUA_TRACKING_SECRET the demo province's. One of them is required with --production; otherwise the\n" +
        "demo province's is random when not given, so its PINs then change at each start.\n" +
        'Webhook subscriptions (POST /webhooks/subscriptions, system role) are sent by a dispatcher every second;\n' +
        'counter tablets and kiosks get device credentials from POST /devices (system role) to post ratings.\n' +
        '--production (or NODE_ENV=production) prints no tokens and refuses a secret under 256 bits of entropy.',
    )
    .action(async (options: { port: number; host: string; seed?: boolean; months: number; secret?: string; production?: boolean; jwksUrl?: string; issuer?: string; audience?: string; trackingSecrets?: string; prefix?: string }) => {
      const { production, auth } = serveAuthOf(options);
      // Receipt PINs and tracking links are HMACs under each province's secret (docs/tracking.md): in
      // production a random one would invalidate every receipt handed out before the next start.
      const tracking = trackingSecretsOf({
        file: options.trackingSecrets ?? process.env['MOTCUA_TRACKING_SECRETS_FILE'],
        demoSecret: process.env['MOTCUA_TRACKING_SECRET'],
        demoTenant: DEMO_TENANT,
        production,
        warn: (message) => io.err(`motcua: ${message}\n`),
      });
      const http = await load();
      const db = globals().db;
      if (options.seed === true) await runSeed(io, db, { seed: DEFAULT_SEED, months: options.months });
      // Every read model and the dossier list are folded inside each append's transaction; the engine
      // builds a projection whose stored version differs in a shadow copy and promotes it when done.
      const readModels = defaultReadModels();
      // The outbox of status notifications is folded with them, in the same transactions (docs/notifications.md).
      const projections = [...readModels.projections, notificationOutboxProjection];
      const store = openStore(db, { serving: true, projections });
      const desk = createDesk({ store });
      const engine = new ProjectionEngine({ eventStore: store, documentStore: store.documents, projections, liveFoldedBy: 'store' });
      const send = http.fetchWebhookSender;
      const dispatcher = send === undefined ? undefined : new WebhookDispatcher({ documents: store.documents, send, onError: (error) => io.err(`webhooks: ${(error as Error).message}\n`) });
      let server: HttpServer | undefined;
      const shutDown = async () => {
        if (server !== undefined) await server.close();
        await dispatcher?.stop();
        await engine.stop();
        await store.close();
      };
      try {
        await engine.start();
        server = await http.buildServer({
          desk,
          auth,
          logger: { level: 'warn' },
          readSide: { readModels: readModels.all, documents: store.documents, roles: Object.fromEntries(readModels.all.map((readModel) => [readModel.name, FIGURE_READERS])) },
          tracking: { secrets: { ...tracking.secrets } },
          webhooks: { allowHttp: !production },
          devices: {},
          ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
        });
        const address = await Promise.resolve(server.listen({ host: options.host, port: options.port })).catch((error: unknown) => {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE') throw new CliError(`port ${options.port} on ${options.host} is in use: pass another --port (0 takes any free one)`);
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError(`cannot listen on ${options.host}: no such interface here`);
          throw error;
        });
        // Every route, page and link is under the prefix, the URLs printed too.
        const url = `${typeof address === 'string' ? address : `http://${options.host}:${options.port}`}${options.prefix ?? ''}`;
        io.out(`motcua is serving ${db} at ${url}\n  dashboard: ${url}/dashboard/\n  docs:    ${url}/docs\n  openapi: ${url}/openapi.json\n  health:  ${url}/health, ${url}/ready\n`);
        const trackedProvinces = Object.keys(tracking.secrets).map((tenantId) => (tracking.random.includes(tenantId) ? `${tenantId} (a random secret for this run)` : tenantId));
        io.out(`  tracking: ${url}/track/{code} for ${trackedProvinces.join(', ')}\n`);
        // Development always has a secret (a random one by default); production prints no token.
        const hs256Secret = production ? undefined : auth.hs256Secret;
        io.out(
          hs256Secret === undefined
            ? '\nProduction: no development tokens; callers bring tokens of your identity provider.\n'
            : '\nDevelopment tokens (12 h; send as "Authorization: Bearer <token>"):\n',
        );
        if (hs256Secret !== undefined) {
          const applicant = await someApplicant(store);
          const issued = { ...(auth.issuer === undefined ? {} : { issuer: auth.issuer }), ...(auth.audience === undefined ? {} : { audience: auth.audience }) };
          const links: string[] = [];
          for (const role of DEV_ROLES) {
            const claims = {
              sub: subjectFor(role),
              role,
              tenantId: DEMO_TENANT,
              unitIds: role === 'director' || role === 'inspector' || role === 'system' ? [...ACTIVE_DESKS] : role === 'citizen' ? [] : [PROVINCE_CENTRE],
              ...(role === 'citizen' && applicant !== undefined ? { subjectId: applicant } : {}),
            };
            const token = await http.issueDevelopmentToken(hs256Secret, claims, '12h', issued);
            io.out(`  ${role.padEnd(19)}${token}\n`);
            if (DASHBOARD_ROLES.includes(role)) links.push(`  ${role.padEnd(19)}${url}/dashboard/#token=${token}\n`);
          }
          io.out(`\nDashboard sign-in links (development; the token stays in the browser tab):\n${links.join('')}`);
        }
        dispatcher?.start(1000);
        io.out('\nPress Ctrl+C to stop.\n');
      } catch (error) {
        await shutDown().catch(() => undefined);
        throw error;
      }
      await new Promise<void>((resolve, reject) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          io.err(`\n${signal}: closing the server, then the store\n`);
          shutDown().then(resolve, reject);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};
