export { runCli, createProgram, DEFAULT_DB, type ProgramOptions } from './program.js';
export { CliError, processIo, type CliIo } from './cli-io.js';
export * from './seed/index.js';
export { exportEvents, toExportLine, type ExportOptions, type ExportSummary } from './transfer/export-events.js';
export { sqliteChainRows, sqliteEventCount } from '@motcua/store-sqlite';
export { importEvents, type ImportOptions, type ImportSummary, type RejectedLine } from './transfer/import-events.js';
export { ExportLineCodec, lineHash, type ExportLine } from './transfer/export-line.js';
export { defaultReadModels, projectionNames, readModelNames, DEMO_KEYS } from './read-models.js';
export type { HttpModule, HttpServer } from './commands/serve.js';
