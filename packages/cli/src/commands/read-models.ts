import type { Command } from 'commander';
import { headPosition, ProjectionRunner, reAddProblems, type Explanation } from '@motcua/core';
import { openSqliteProjectionStore, type SqliteEventStore, type SqliteProjectionStore } from '@motcua/store-sqlite';
import { CliError, type CliIo } from '../cli-io.js';
import { openStore } from '../open-store.js';
import { progressBar } from '../progress.js';
import { defaultReadModels, findReadModel, projectionNames, readModelNames } from '../read-models.js';
import { nonEmpty, oneOfNames } from '../validate.js';
import type { GlobalOptions } from './global.js';

/** Runs the named projections over the log, into the projection tables of the same SQLite file. */
const withRunner = async <T>(
  db: string,
  names: readonly string[],
  work: (runner: ProjectionRunner, store: SqliteEventStore, projectionStore: SqliteProjectionStore) => Promise<T>,
): Promise<T> => {
  const store = openStore(db, { mustExist: true });
  const projectionStore = openSqliteProjectionStore({ file: db });
  const projections = defaultReadModels()
    .map((entry) => entry.projection)
    .filter((projection) => names.includes(projection.name));
  const runner = new ProjectionRunner({ eventStore: store, projectionStore, projections });
  try {
    await runner.start();
    return await work(runner, store, projectionStore);
  } finally {
    await runner.stop();
    projectionStore.close();
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
    const extra = step.op === 'round' ? ` to ${step.digits} digits ${step.mode}` : step.op === 'band' ? ` → ${step.band}` : '';
    lines.push(`  ${index + 1}. ${step.label}: ${step.op}(${inputs})${extra} = ${step.result}`);
  });
  const problems = reAddProblems(explanation);
  lines.push(problems.length === 0 ? 'check: every step re-adds' : `check FAILED: ${problems.join('; ')}`);
  lines.push(`contributing events (${explanation.contributions.length}):`);
  for (const ref of explanation.contributions) lines.push(`  #${ref.globalPosition}  ${ref.streamId} v${ref.streamVersion}  ${ref.type}`);
  return lines.join('\n');
};

const projectionList = () =>
  defaultReadModels()
    .map((entry) => `  ${entry.projection.name}: ${entry.description}\n    read models: ${entry.readModels.map((m) => m.name).join(', ')}`)
    .join('\n');

export const registerReadModels = (program: Command, io: CliIo, globals: () => GlobalOptions): void => {
  program
    .command('rebuild')
    .description('rebuild projections from position 0 through the projection runner (a shadow copy replaces the live one when it catches up)')
    .argument('[name]', `projection to rebuild (default: all): ${projectionNames().join(', ')}`, oneOfNames('projection', projectionNames))
    .addHelpText('after', `\nProjections:\n${projectionList()}\n\nExamples:\n  $ motcua rebuild\n  $ motcua rebuild incident-register --db demo.db`)
    .action(async (name: string | undefined) => {
      const names = name === undefined ? projectionNames() : [name];
      await withRunner(globals().db, names, async (runner, store) => {
        const head = await headPosition(store);
        const bar = progressBar(io, 'rebuild', head * names.length);
        const timer = setInterval(() => {
          void runner
            .report()
            .then((reports) => bar.update(reports.reduce((sum, r) => sum + (r.rebuild?.checkpoint ?? r.checkpoint), 0)))
            .catch(() => undefined);
        }, 200);
        try {
          for (const projection of names) {
            const outcome = await runner.rebuild(projection);
            if (!outcome.promoted) {
              const failure = outcome.failure;
              throw new CliError(
                `${projection}: rebuild stopped${failure === undefined ? '' : ` at position ${failure.globalPosition} (${failure.streamId} v${failure.streamVersion} ${failure.eventType}): ${failure.message}`}`,
              );
            }
            io.out(`${projection}: rebuilt to position ${outcome.checkpoint}\n`);
          }
        } finally {
          clearInterval(timer);
          bar.stop();
        }
      });
    });

  const examples = defaultReadModels()
    .flatMap((entry) => Object.entries(entry.exampleKeys).map(([model, key]) => `  $ motcua explain ${model} ${key}`))
    .join('\n');
  program
    .command('explain')
    .description('explain one figure of a read model: the value, the events behind it, the rule sets and each step of arithmetic')
    .argument('<readModel>', `read model: ${readModelNames().join(', ')}`, oneOfNames('read model', readModelNames))
    .argument('<key>', 'which figure (the read model lists its keys when the key is unknown)', nonEmpty('the key'))
    .option('--json', 'print the explanation as JSON')
    .addHelpText('after', `\nProjections and their read models:\n${projectionList()}\n\nExamples:\n${examples}`)
    .action(async (name: string, key: string, options: { json?: boolean }) => {
      const { entry, readModel } = findReadModel(name)!;
      await withRunner(globals().db, [entry.projection.name], async (runner, _store, projectionStore) => {
        await runner.caughtUp();
        const record = await projectionStore.load(entry.projection.name);
        const state: unknown = record?.state ?? entry.projection.initialState();
        const explanation = readModel.explain(state, key);
        if (explanation === undefined) {
          const keys = readModel.keys(state);
          throw new CliError(
            keys.length === 0
              ? `${name} has no figures yet: the log holds no event it counts (try \`motcua seed\`)`
              : `${name} has no figure "${key}"; ${keys.length} keys, e.g. ${keys.slice(0, 10).join(', ')}${keys.length > 10 ? ', …' : ''}`,
          );
        }
        io.out(options.json === true ? `${JSON.stringify(explanation, null, 2)}\n` : `${renderExplanation(explanation)}\n`);
      });
    });
};
