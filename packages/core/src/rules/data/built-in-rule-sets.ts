import type { RuleSet } from '../types.js';
import { DECREE_61_2018 } from './decree-61-2018.js';
import { DECREE_118_2025 } from './decree-118-2025.js';
import { DECREE_118_2025_AMENDED_2026 } from './decree-118-2025-amended-2026.js';
import { DECREE_118_2025_AMENDED_2026_07 } from './decree-118-2025-amended-2026-07.js';

/** The built-in rule sets, oldest first. */
export const BUILT_IN_RULE_SETS: readonly RuleSet[] = [DECREE_61_2018, DECREE_118_2025, DECREE_118_2025_AMENDED_2026, DECREE_118_2025_AMENDED_2026_07];
