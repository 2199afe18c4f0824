export type * from './types.js';
export { createRuleBook, defaultRuleBook } from './rule-book.js';
export { decodeRuleSet, decodeProcedureCatalogue, RuleSetCodec, ProcedureVersionCodec, ProcedureCatalogueCodec } from './codecs.js';
export { DECREE_61_2018 } from './data/decree-61-2018.js';
export { DECREE_118_2025 } from './data/decree-118-2025.js';
export { DECREE_118_2025_AMENDED_2026 } from './data/decree-118-2025-amended-2026.js';
export { BUILT_IN_RULE_SETS } from './data/built-in-rule-sets.js';
export { SAMPLE_PROCEDURES } from './data/sample-procedures.js';
