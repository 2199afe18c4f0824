import { isLeft } from '../../fp.js';
import type { ProcedureVersion } from '../types.js';
import { decodeProcedureCatalogue } from '../codecs.js';
import catalogue from './procedures.json' with { type: 'json' };

/**
 * A small catalogue of real procedures, kept as JSON so it reads like the national catalogue it
 * samples. It is decoded like any outside data; a bad edit fails at load, naming the field.
 */
const loadSampleProcedures = (input: unknown): readonly ProcedureVersion[] => {
  const decoded = decodeProcedureCatalogue(input);
  if (isLeft(decoded)) throw new Error(`rules/data/procedures.json is invalid: ${decoded.left.message}`);
  return decoded.right;
};

export const SAMPLE_PROCEDURES: readonly ProcedureVersion[] = loadSampleProcedures(catalogue);
