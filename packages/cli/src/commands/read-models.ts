import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import {
  BUILD_COSTS,
  createDesk,
  defaultRuleBook,
  describeRuleDays,
  documentsAsOf,
  eventRefResolver,
  figureAsOf,
  isLeft,
  lastProvinceEventAtOrBefore,
  parseDocumentKey,
  ProjectionEngine,
  reAddProblems,
  readModelDocuments,
  resolveExplanation,
  ruleDaysOf,
  rulesCoverSomeDayOf,
  type AnyProjection,
  type AsOf,
  type DocumentQuery,
  type Explanation,
  type ReadModel,
} from '@motcua/core';
import {
  rebuildInWorkers,
  rebuildSqliteProjections,
  type RebuildProgress,
  type RebuiltProjection,
  type SqliteEventStoreWithDocuments,
} from '@motcua/store-sqlite';
import { CliError, type CliIo } from '../cli-io.js';
import { isReadOnlyStore, openStore, openStoreToRead } from '../open-store.js';
import { progressBar } from '../progress.js';
import { DEMO_KEYS, defaultReadModels, projectionNames, readModelNames } from '../read-models.js';
import { terminalLines } from '../terminal-lines.js';
import { asOfArgument, integerIn, nonEmpty, oneOfNames, refuseRepeatedOptions } from '../validate.js';
import type { GlobalOptions } from './global.js';
import { refuseUnnamedSubject } from './unnamed-subject.js';

/**
 * Runs the projection engine for `projections` over the SQLite file's log, into the document tables of
 * the same file. Live copies are folded by the store inside each append (`liveFoldedBy: 'store'`), by
 * whichever process appends: this command only builds shadow copies and promotes them, so it may run
 * beside a server on the same file (as `rebuild` does, through `rebuildSqliteProjections`).
 */
const withEngine = async <T>(
  db: string,
  projections: readonly AnyProjection[],
  work: (engine: ProjectionEngine, store: SqliteEventStoreWithDocuments) => Promise<T>,
  { inline = false }: { readonly inline?: boolean } = {},
): Promise<T> => {
  // Inline: live copies of the current version are caught up at open, in one transaction.
  const store = openStore(db, { mustExist: true, ...(inline ? { projections } : {}) });
  const engine = new ProjectionEngine({
    eventStore: store,
    documentStore: store.documents,
    projections,
    liveFoldedBy: 'store',
  });
  try {
    return await work(engine, store);
  } finally {
    await engine.stop();
    await store.close();
  }
};

export const renderExplanation = (explanation: Explanation): string => {
  const value = explanation.value ?? 'not measured';
  const lines = [`${explanation.readModel} ${explanation.key}: ${value}${explanation.label === undefined ? '' : ` (${explanation.label})`}`];
  if (explanation.notMeasured !== undefined) lines.push(`  not measured: ${explanation.notMeasured}`);
  lines.push(`rule sets: ${explanation.ruleSetVersions.join(', ') || '-'}`);
  lines.push('steps:');
  explanation.steps.forEach((step, index) => {
    const inputs = step.inputs.length > 12 ? `${step.inputs.slice(0, 12).join(', ')}, … (${step.inputs.length})` : step.inputs.join(', ');
    // A band maps its number to a label: the label is what it gives (its result is the number itself).
    const outcome = step.op === 'round' ? ` to ${step.digits} digits ${step.mode} = ${step.result}` : step.op === 'band' ? ` → ${step.band}` : ` = ${step.result}`;
    lines.push(`  ${index + 1}. ${step.label}: ${step.op}(${inputs})${outcome}`);
  });
  const problems = reAddProblems(explanation);
  lines.push(problems.length === 0 ? 'check: every step re-adds' : `check FAILED: ${problems.join('; ')}`);
  lines.push(`contributing events (${explanation.contributions.length}):`);
  for (const ref of explanation.contributions) lines.push(`  #${ref.globalPosition}  ${ref.streamId} v${ref.streamVersion}  ${ref.type}`);
  return lines.join('\n');
};

/**
 * Refuses a key without a figure, naming some keys of its province; when its province has none yet,
 * saying so and naming keys of another province that has some; only a read model with no figure in
 * any province is said to have nothing to count.
 */
const noFigure = async (documents: DocumentQuery<unknown>, readModel: ReadModel<unknown>, key: string): Promise<never> => {
  const named = parseDocumentKey(key)?.tenantId;
  if (named !== undefined) {
    const { keys } = await readModel.keys(documents, { prefix: `${named}/`, limit: 10 });
    if (keys.length > 0) throw new CliError(`${readModel.name} has no figure "${key}"; keys of ${named} are e.g. ${keys.join(', ')}, …`);
  }
  // The provinces with documents, in key order, one listing each: the first with keys is named.
  for (let after: string | undefined, seen = 0; seen < 50; seen++) {
    const first = (await documents.list({ prefix: '', limit: 1, ...(after === undefined ? {} : { after }) })).documents[0]?.[0];
    const other = first === undefined ? undefined : parseDocumentKey(first)?.tenantId;
    if (other === undefined) break;
    after = `${other}/\u{10FFFF}`;
    if (other === named) continue;
    const { keys } = await readModel.keys(documents, { prefix: `${other}/`, limit: 10 });
    if (keys.length === 0) continue;
    const none = named === undefined ? '' : `: province ${named} has none yet (no event of it that ${readModel.name} counts)`;
    throw new CliError(`${readModel.name} has no figure "${key}"${none}; keys of ${other} are e.g. ${keys.join(', ')}, …`);
  }
  throw new CliError(`${readModel.name} has no figures yet: the log holds no event it counts (try \`motcua seed\`)`);
};

/** A figure of the read model's stored copy, as it stands. */
const explainStored = async (store: SqliteEventStoreWithDocuments, readModel: ReadModel<unknown>, key: string): Promise<Explanation> => {
  await refuseUnnamedSubject(store, readModel, key);
  const documents = readModelDocuments(store.documents, readModel);
  const figure = await readModel.explain(documents, key);
  if (figure === undefined) return noFigure(documents, readModel, key);
  return resolveExplanation(figure, eventRefResolver(store));
};

/**
 * A figure at the head of the log, from a store this process may not write, so whose read model cannot
 * be built or caught up: the stored copy when it is current (this version, at the head), or else the
 * figure computed afresh from the log as `--as-of` computes it, at the last event of the key's province,
 * and `io` is told so.
 */
const explainAtHead = async (store: SqliteEventStoreWithDocuments, readModel: ReadModel<unknown>, key: string, io: CliIo): Promise<Explanation> => {
  const { projection } = readModel;
  const head = await store.headPosition();
  const header = await store.documents.header(projection.name);
  if (header?.version === projection.version && header.checkpoint === head) return explainStored(store, readModel, key);
  await refuseUnnamedSubject(store, readModel, key);
  const province = parseDocumentKey(key)?.tenantId;
  const provinceHead = province === undefined ? head : ((await lastProvinceEventAtOrBefore(store, province, head))?.metadata.globalPosition ?? 0);
  const desk = createDesk({ store });
  const found = await figureAsOf({ eventStore: store, deps: { rules: desk.rules, calendar: desk.calendar }, readModel: readModel.name, key, asOf: { globalPosition: provinceHead } });
  if (isLeft(found)) throw new CliError(found.left, 2);
  if (found.right === undefined) {
    // Keys to name are those of the whole read model, folded as of the head as well.
    const { documents } = await documentsAsOf({ eventStore: store, projection, asOf: { globalPosition: head } });
    return noFigure(readModelDocuments(documents, readModel), readModel, key);
  }
  io.err(`${readModel.name}: computed from the log at its head (position ${provinceHead}): the stored copy could not be brought up to date in a read-only store\n`);
  return found.right.explanation;
};

/** Every projection `rebuild` knows: what its worker threads build from (`rebuildInWorkers`' `projectionsFrom`). */
export const rebuildProjections = (): readonly AnyProjection[] => defaultReadModels().projections;

const projectionList = () =>
  [
    ...defaultReadModels().all.map((readModel) => `  ${readModel.projection.name}: ${readModel.description}`),
    `  ${defaultReadModels().dossierList.name}: the dossier list (GET /dossiers)`,
  ].join('\n');

export const registerReadModels = (program: Command, io: CliIo, globals: () => GlobalOptions): void => {
  program
    .command('rebuild')
    .description('rebuild projections from position 0 into a shadow copy, which replaces the live one when it reaches the head')
    .argument('[name]', `projection to rebuild (default: all): ${projectionNames().join(', ')}`, oneOfNames('projection', projectionNames))
    .option('--workers <n>', `worker threads building groups of projections side by side (default: the cores available, ${availableParallelism()} here)`, integerIn('--workers', 1, 64))
    .addHelpText('after', `\nProjections:\n${projectionList()}\n\nExamples:\n  $ motcua rebuild\n  $ motcua rebuild --workers 1\n  $ motcua rebuild incident-register --db demo.db`)
    .action(async (name: string | undefined, options: { workers?: number }) => {
      const projections = defaultReadModels().projections.filter((projection) => name === undefined || projection.name === name);
      const { db } = globals();
      // Opened once here: the file exists and is migrated, and its document tables are there.
      await openStore(db, { mustExist: true }).close();
      const workers = Math.min(options.workers ?? availableParallelism(), projections.length);
      const bar = progressBar(io, 'rebuild', 0);
      const onProgress = ({ folded, total }: RebuildProgress) => bar.update(folded, total);
      let rebuilt: readonly RebuiltProjection[];
      try {
        rebuilt =
          workers > 1
            ? await rebuildInWorkers({
                file: db,
                names: projections.map((projection) => projection.name),
                workers,
                costOf: (projection) => BUILD_COSTS[projection],
                projectionsFrom: { module: import.meta.url, export: 'rebuildProjections' },
                onProgress,
              })
            : await rebuildSqliteProjections(projections, { file: db }, onProgress);
      } finally {
        bar.stop();
      }
      for (const { name: rebuiltName, outcome } of rebuilt) {
        if (!outcome.promoted) {
          const failure = outcome.failure;
          throw new CliError(
            `${rebuiltName}: rebuild stopped${failure === undefined ? '' : ` at position ${failure.globalPosition} (${failure.streamId} v${failure.streamVersion} ${failure.eventType}): ${failure.message}`}`,
          );
        }
        io.out(`${rebuiltName}: rebuilt to position ${outcome.checkpoint}\n`);
        // A province whose events the projection could not fold stopped alone; the others are served (docs/read-side.md).
        for (const failure of outcome.provinceFailures ?? []) {
          io.out(
            `${rebuiltName}: province ${failure.tenantId} stopped at position ${failure.globalPosition} (${failure.streamId} v${failure.streamVersion} ${failure.eventType}): ${failure.message}\n`,
          );
        }
      }
    });

  const examples = Object.entries(DEMO_KEYS)
    .map(([readModel, key]) => `  $ motcua explain ${readModel} ${key}`)
    .join('\n');
  const explain = program
    .command('explain')
    .description('explain one figure of a read model: the value, the events behind it, the rule sets and each step of arithmetic')
    .argument('<readModel>', `read model: ${readModelNames().join(', ')}`, oneOfNames('read model', readModelNames))
    .argument('<key>', 'which figure, starting with its province (the read model lists some keys when the key is unknown)', nonEmpty('the key'))
    .option('--json', 'print the explanation as JSON')
    .option(
      '--as-of <moment>',
      'the figure as it stood then, computed afresh from the log under the rules in force then: a global position (1200), or a day (2026-03-09) or an instant: what happened by then',
      asOfArgument,
    )
    .addHelpText('after', `\nRead models:\n${projectionList()}\n\nExamples:\n${examples}`)
    .action(async (name: string, key: string, options: { json?: boolean; asOf?: AsOf }) => {
      const readModel = defaultReadModels().byName(name);
      if (readModel === undefined) throw new CliError(`no read model is named ${name}`);
      // A period no rule set covers has no figure (docs/read-side.md, "Periods the rules do not cover"): a usage error.
      const period = readModel.periodOfKey?.(key);
      const covered = ruleDaysOf(defaultRuleBook());
      if (period !== undefined && !rulesCoverSomeDayOf(covered, period)) {
        throw new CliError(`${name} has no figure "${key}": ${period.key} is a period no rule set covers (the rules are in force ${describeRuleDays(covered)})`, 2);
      }
      const print = (explanation: Explanation) => io.out(options.json === true ? `${JSON.stringify(explanation, null, 2)}\n` : terminalLines(renderExplanation(explanation).split('\n')));
      if (options.asOf !== undefined) {
        const source = openStoreToRead(globals().db, io);
        const { store } = source;
        try {
          await refuseUnnamedSubject(store, readModel, key);
          const desk = createDesk({ store });
          const found = await figureAsOf({ eventStore: store, deps: { rules: desk.rules, calendar: desk.calendar }, readModel: name, key, asOf: options.asOf });
          if (isLeft(found)) throw new CliError(found.left, 2);
          const then = found.right;
          if (then === undefined) throw new CliError(`${name} had no figure "${key}" at that moment`);
          io.out(`as of position ${then.globalPosition}${then.rulesOn === undefined ? '' : `, rules in force on ${then.rulesOn}`}\n`);
          print(then.explanation);
        } finally {
          await source.close();
        }
        return;
      }
      const { projection } = readModel;
      const { db } = globals();
      if (isReadOnlyStore(db)) {
        const source = openStoreToRead(db, io);
        try {
          print(await explainAtHead(source.store, readModel, key, io));
        } finally {
          await source.close();
        }
        return;
      }
      await withEngine(db, [projection], async (engine, store) => {
        // Built, or rebuilt for this version, before it is read (a current copy was caught up at open).
        const header = await store.documents.header(projection.name);
        if (header?.version !== projection.version) {
          await engine.start();
          const outcome = await engine.rebuild(projection.name);
          if (!outcome.promoted) throw new CliError(`${projection.name}: the build stopped${outcome.failure === undefined ? '' : `: ${outcome.failure.message}`}`);
        }
        print(await explainStored(store, readModel, key));
      }, { inline: true });
    });
  refuseRepeatedOptions(explain);
};
