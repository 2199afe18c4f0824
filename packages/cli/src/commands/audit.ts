import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  buildAuditBundle,
  BUILT_IN_VERDICTS,
  createDesk,
  cutAsOf,
  generateAuditKeyPair,
  isLeft,
  lastProvinceEventAtOrBefore,
  parseAuditPrivateKey,
  parseAuditPublicKey,
  resolveAsOf,
  verifyAuditBundleText,
  withinCoverage,
  type AsOf,
  type AuditBundle,
  type AuditPublicKey,
  type EventStore,
  type RecordedEvent,
  type VerdictDefinition,
  type VerdictKind,
} from '@motcua/core';
import { sqliteChainRows } from '@motcua/store-sqlite';
import { CliError, type CliIo } from '../cli-io.js';
import { openStoreToRead } from '../open-store.js';
import { writeOutputText } from '../output-file.js';
import { DEMO_TENANT } from '../seed/province.js';
import { terminalLines } from '../terminal-lines.js';
import { asOfArgument, existingFile, nonEmpty, province as provinceArgument, refuseRepeatedOptions, shownName, writableFile } from '../validate.js';
import { subjectOfArguments, usageCode } from './audit-incident.js';
import type { GlobalOptions } from './global.js';

/**
 * A kind of verdict the CLI can bundle: its pure definition (what `audit verify` recomputes) and how
 * its events are gathered from a store (the shape of core's verdict registry entries).
 */
export interface AuditVerdictKind extends VerdictDefinition {
  /** What the subject is, for messages: `incident id`, `dossier code`. */
  readonly subjectName: string;
  /** What is wrong with a subject as given, if anything (an officer's period that is no period). */
  readonly subjectProblem?: (subject: string) => string | undefined;
  /** The name of the subject's second part, when it has one (an officer's `period`): `<id>/<part>` or `<id> <part>`. */
  readonly qualifier?: string;
  readonly gather: (store: EventStore, tenantId: string, subject: string) => Promise<readonly RecordedEvent[]>;
}

/** The rule book and calendar a verdict is recomputed with: the desk's built-in ones, as `serve` and `seed` use. */
const verdictDeps = () => {
  const desk = createDesk();
  return { rules: desk.rules, calendar: desk.calendar };
};

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const readBytes = (file: string, what: string): Buffer => {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${what} ${resolve(file)}: ${(error as Error).message}`, 2);
  }
};

const readText = (file: string, what: string): string => readBytes(file, what).toString('utf8');

const publicKeyFile = (file: string, previous: readonly AuditPublicKey[] = []): AuditPublicKey[] => {
  existingFile(file);
  const key = parseAuditPublicKey(readText(file, 'the public key'));
  if (isLeft(key)) throw new InvalidArgumentError(`${resolve(file)}: ${key.left}.`);
  return [...previous, key.right];
};

/**
 * A bundle's checkpoint is signed now, and the verifier refuses a verdict as of a moment after it: an
 * `--as-of` in the future is refused here, saying so, rather than as a bundle that would not verify.
 */
/** How far a checkpoint's signing time may run ahead of the verifying machine's clock: clocks a few minutes apart. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Why a checkpoint signed after `now` (beyond clock skew) is refused: the verifier holds a verdict's
 * moment to the checkpoint's `signedAt`, which is the signer's own clock, so a checkpoint dated ahead
 * would let a verdict answer for days the log had not reached.
 */
const signedInTheFuture = (signedAt: string, now: Date): string | undefined =>
  Date.parse(signedAt) - now.getTime() <= CLOCK_SKEW_MS
    ? undefined
    : `it is signed at ${signedAt}, after this machine's time (${now.toISOString()}): a checkpoint cannot be signed in the future; check the signer's clock, or this one`;

const futureAsOf = (asOf: AsOf | undefined, now: Date): string | undefined => {
  if (asOf === undefined || !('businessTime' in asOf) || Date.parse(asOf.businessTime) <= now.getTime()) return undefined;
  return `--as-of ${asOf.businessTime} is in the future (now ${now.toISOString()}): a bundle answers for a moment the log has reached; give one up to now`;
};

/**
 * The moment a verified verdict answers for, in words: the file says it only in `query.asOf`, and a
 * verdict as of any moment verifies, so the auditor is told which one was checked.
 */
const momentOf = ({ query, verdict }: AuditBundle): string => {
  const asked = query.asOf;
  if (asked !== undefined && 'businessTime' in asked) return `as of business time ${asked.businessTime}: what had happened by then, late entries included; open deadlines judged then`;
  const judgedAt = asked?.judgedAt ?? verdict.asOf.judgedAt;
  const judged = judgedAt === undefined ? 'open deadlines judged at its last fact' : `open deadlines judged at ${judgedAt}`;
  if (asked === undefined) return `as of its last event (position ${verdict.asOf.globalPosition}); ${judged}`;
  return `as of global position ${asked.globalPosition}: the log as it stood there (its last event at ${verdict.asOf.globalPosition}); ${judged}`;
};

/** Writes a file only if none is there, with the permissions given (a private key: owner only). */
/** The folder a key is written to, made when missing: a new installation has no keys folder yet. */
const makeFolderOf = (file: string): void => {
  const folder = dirname(resolve(file));
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new CliError(`cannot make the folder ${folder}: ${(error as Error).message}`, 2);
  }
  if (!statSync(folder).isDirectory()) throw new CliError(`${folder} is a file, not a folder`, 2);
};

const writeNew = (file: string, text: string, mode: number): void => {
  try {
    writeFileSync(file, text, { mode, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${resolve(file)} exists already: keys are never overwritten; pick another --out`, 2);
    throw new CliError(`cannot write ${resolve(file)}: ${(error as Error).message}`);
  }
};

export const registerAudit = (
  program: Command,
  io: CliIo,
  globals: () => GlobalOptions,
  setExitCode: (code: number) => void,
  kinds: readonly AuditVerdictKind[] = BUILT_IN_VERDICTS,
): void => {
  // The group is shared with `audit incident|feedback`, whichever registers first makes it.
  const audit = (program.commands.find((command) => command.name() === 'audit') ?? program.command('audit'))
    .description('verdicts on disputes and their signed audit bundles: make the installation key, bundle a verdict, verify a bundle offline (docs/audit.md)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ motcua audit incident inc-m1-c01 --as-of 2026-03-31 --db demo.db\n' +
        '  $ motcua audit keygen --out keys/so-tttt-2026\n' +
        '  $ motcua audit bundle incident inc-m1-c01 --key keys/so-tttt-2026.pem --installation so-tttt-thai-nguyen --db demo.db --out inc-m1-c01.json\n' +
        '  $ motcua audit verify inc-m1-c01.json --public-key keys/so-tttt-2026.pub.pem\n' +
        '(demo.db: made by `motcua seed --db demo.db`)',
    );

  audit
    .command('keygen')
    .description("write a new Ed25519 key pair for signing audit bundles: <out>.pem (private, PKCS#8, mode 0600) and <out>.pub.pem (public, SPKI), and print the key id")
    .requiredOption('--out <prefix>', 'path and name of the two files, without extension (a missing folder is made)', nonEmpty('--out'))
    .addHelpText(
      'after',
      '\nExample:\n  $ motcua audit keygen --out keys/so-tttt-2026       # makes the folder keys when it is missing\n\n' +
        'Publish the .pub.pem file and its key id; keep the .pem file on the server only. Files that\n' +
        'exist are never overwritten. A new key for a rotation is made the same way (docs/audit.md, "Keys").',
    )
    .action((options: { out: string }) => {
      const pair = generateAuditKeyPair();
      const privateFile = `${options.out}.pem`;
      const publicFile = `${options.out}.pub.pem`;
      makeFolderOf(privateFile);
      if (existsSync(publicFile)) throw new CliError(`${resolve(publicFile)} exists already: keys are never overwritten; pick another --out`, 2);
      writeNew(privateFile, pair.privateKeyPem, 0o600);
      writeNew(publicFile, pair.publicKeyPem, 0o644);
      io.out(`key id ${pair.keyId}\nprivate key ${privateFile} (keep it secret; mode 0600)\npublic key ${publicFile} (publish it with the key id)\n`);
    });

  const kindNames = () => kinds.map((k) => k.kind);
  audit
    .command('bundle')
    .description("compute a verdict from the store and write it as a signed audit bundle, after verifying the log's hash chain")
    .argument('<kind>', 'the kind of verdict: one of the kinds this installation computes', (value: string) => {
      if (!kindNames().includes(value as VerdictKind)) {
        throw new InvalidArgumentError(kinds.length === 0 ? `no kind of verdict can be bundled yet ("${value}").` : `unknown kind "${value}"; known: ${kindNames().join(', ')}.`);
      }
      return value as VerdictKind;
    })
    .argument('<subject>', 'what the verdict is about: an incident id, a feedback id, a dossier code, an officer id and rating period (OF-1/2026-Q1 or OF-1 2026-Q1)', nonEmpty('the subject'))
    .argument('[part]', "the subject's second part, when it has one and is given apart: an officer's rating period (2026-Q1)")
    .requiredOption('--key <file>', 'the installation private key (PEM, from `motcua audit keygen`)', existingFile)
    .requiredOption('--installation <name>', 'the name the installation publishes its public key under', shownName('the installation name'))
    .option('--province <id>', `province of the subject (default ${DEMO_TENANT})`, provinceArgument)
    .option('--as-of <moment>', 'a global position (1200), a day (2026-03-09) or an instant (2026-03-09T17:00:00+07:00), up to now', asOfArgument)
    .option('--out <file>', 'file to write (default: standard output)', writableFile)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ motcua audit bundle incident inc-m1-c01 --key keys/so-tttt-2026.pem --installation so-tttt-thai-nguyen --db demo.db --out inc-m1-c01.json\n' +
        '  $ motcua audit bundle feedback fb-m1-khieu-nai --as-of 2026-03-31 --key keys/so-tttt-2026.pem --installation so-tttt-thai-nguyen --db demo.db\n' +
        '  $ motcua audit bundle officer officer-phuc-vu-hcc-receiving-officer-1 2026-Q1 --key keys/so-tttt-2026.pem --installation so-tttt-thai-nguyen --db demo.db\n\n' +
        'The bundle carries the verdict, the events it rests on, each with its audit path to a signed\n' +
        'checkpoint of the whole log, and the signature of it all. A log that does not verify is refused.',
    )
    .action(async (kind: VerdictKind, id: string, part: string | undefined, options: { key: string; installation: string; province?: string; asOf?: AsOf; out?: string }) => {
      const future = futureAsOf(options.asOf, new Date());
      if (future !== undefined) throw new CliError(future, 2);
      const key = parseAuditPrivateKey(readText(options.key, 'the private key'));
      if (isLeft(key)) throw new CliError(`${resolve(options.key)}: ${key.left}`, 2);
      const definition = kinds.find((k) => k.kind === kind) as AuditVerdictKind;
      if (definition.qualifier === undefined && part !== undefined) throw new CliError(`the ${kind} verdict takes one subject, its ${definition.subjectName}: "${part}" is one argument too many`, 2);
      const subject = definition.qualifier === undefined ? id : subjectOfArguments(kind, definition.qualifier, id, part);
      const malformed = definition.subjectProblem?.(subject);
      if (malformed !== undefined) throw new CliError(`${malformed}.`, 2);
      const tenantId = options.province ?? DEMO_TENANT;
      const db = globals().db;
      const source = openStoreToRead(db, io);
      const { store } = source;
      try {
        // The checkpoint covers the log up to its head now; the bundle's one pass over it verifies the chain.
        const head = await store.headPosition();
        if (head === 0) throw new CliError(`the event store ${db} is empty: there is no verdict to bundle`);
        // Without --as-of: the province's own log up to its last event, open deadlines judged now. The
        // checkpoint's size is the whole log's; the moment asked names no other province's position.
        const provinceHead = (await lastProvinceEventAtOrBefore(store, tenantId, head))?.metadata.globalPosition ?? 0;
        const asOf = await resolveAsOf(store, tenantId, options.asOf ?? { globalPosition: provinceHead, judgedAt: new Date().toISOString() }, () => new Date());
        if (isLeft(asOf)) throw new CliError(asOf.left, 2);
        const gathered = await definition.gather(store, tenantId, subject);
        if (gathered.length === 0) throw new CliError(`no ${kind} with ${definition.subjectName} ${subject} in province ${tenantId}`);
        const deps = verdictDeps();
        const computed = withinCoverage(deps.rules, () => definition.compute(cutAsOf(gathered, asOf.right), { tenantId, subject, asOf: asOf.right }, deps));
        if (isLeft(computed)) throw new CliError(computed.left.message, usageCode(computed.left.code));
        const verdict = computed.right;
        const built = await buildAuditBundle({
          // The file read: the one named, or its private copy.
          rows: sqliteChainRows(source.file),
          treeSize: head,
          installation: options.installation,
          signedAt: new Date().toISOString(),
          key: key.right,
          query: { kind, tenantId, subject, asOf: asOf.right },
          verdict,
          definitions: kinds,
          ...deps,
        });
        if (isLeft(built)) {
          throw new CliError(`no bundle: ${built.left.message}${built.left.code === 'log-does-not-verify' ? '; run `motcua verify`' : ''}`);
        }
        const text = `${JSON.stringify(built.right, null, 2)}\n`;
        if (options.out === undefined) io.out(text);
        else await writeOutputText(options.out, text);
        io.err(
          terminalLines([
            `${kind} verdict on ${subject}: ${plural(verdict.events.length, 'event')}, checkpoint at position ${head} (head hash ${built.right.checkpoint.statement.headHash}), ` +
              `signed by key ${key.right.keyId}${options.out === undefined ? '' : `; written to ${options.out}`}`,
          ]),
        );
      } finally {
        await source.close();
      }
    });

  audit
    .command('verify')
    .description('check an audit bundle offline, with no database: signatures, each event against its hash and the signed log, and the verdict recomputed')
    .argument('<bundle>', 'a bundle written by `motcua audit bundle`', existingFile)
    .requiredOption('--public-key <file>', "the installation's public key (PEM); repeat it for each key in use since a rotation", publicKeyFile)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ motcua audit verify inc-m1-c01.json --public-key keys/so-tttt-2026.pub.pem\n' +
        '  $ motcua audit verify inc-m1-c01.json --public-key keys/so-tttt-2025.pub.pem --public-key keys/so-tttt-2026.pub.pem\n\n' +
        'A bundle answers for one moment, chosen when it was made: a verdict verifies as of any moment up to its\n' +
        'checkpoint, so the moment checked (a position and the instant open deadlines were judged at, or a\n' +
        'business time) is printed with the outcome. One after the checkpoint was signed is refused.\n\n' +
        'Exit code 0 when the bundle verifies, 1 when it does not (every reason is listed), 2 on bad usage.',
    )
    .action((file: string, options: { publicKey: AuditPublicKey[] }) => {
      // The bytes as the file holds them: the verifier refuses a text that is not UTF-8 or that readers read differently.
      const report = verifyAuditBundleText(readBytes(file, 'the bundle'), { publicKeys: options.publicKey, definitions: kinds, ...verdictDeps() });
      const signedAhead = report.ok ? signedInTheFuture(report.bundle.checkpoint.statement.signedAt, new Date()) : undefined;
      if (signedAhead !== undefined) {
        io.out(terminalLines([`INVALID: ${file} does not verify (1 problem)`, `  checkpoint: ${signedAhead}`]));
        setExitCode(1);
        return;
      }
      if (report.ok) {
        const { verdict, checkpoint, events, producer } = report.bundle;
        io.out(
          terminalLines([
            `ok: ${verdict.kind} verdict on ${verdict.subject} (province ${verdict.tenantId}) recomputed from its ${plural(events.length, 'event')}` +
              `${producer === undefined ? '' : `, as ${producer.package} ${producer.version} computed it`}`,
            `  ${momentOf(report.bundle)}`,
            `  outcome: ${JSON.stringify(verdict.outcome)}`,
            `  checkpoint of ${checkpoint.statement.installation}: ${checkpoint.statement.treeSize} events, head hash ${checkpoint.statement.headHash}, signed ${checkpoint.statement.signedAt}`,
            `  signed by key ${report.keyIds.bundle}${report.keyIds.checkpoint === report.keyIds.bundle ? '' : ` (checkpoint by ${report.keyIds.checkpoint})`}`,
          ]),
        );
        return;
      }
      io.out(terminalLines([`INVALID: ${file} does not verify (${plural(report.problems.length, 'problem')})`, ...report.problems.map((problem) => `  ${problem.code}: ${problem.message}`)]));
      setExitCode(1);
    });
  // An option given twice is refused, not silently the last one (`--public-key` alone collects its repeats).
  for (const name of ['keygen', 'bundle', 'verify']) refuseRepeatedOptions(audit.commands.find((command) => command.name() === name) as Command, ['--public-key']);
};
