// The normative W1 workload (generator, schedules, fold, bench helpers) is ../shared/peers/w1.mjs,
// imported as is so that motcua's fold and workload_sha256 are the reference's by construction.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface W1Event {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: { readonly correlationId: string; readonly causationId: string; readonly actor: string };
}

export interface W1Workload {
  readonly streams: readonly (readonly W1Event[])[];
  readonly events: number;
}

export interface W1Fold {
  readonly dossiers: number;
  readonly events: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly withSupplement: number;
  readonly rated: number;
  readonly avgRating: number;
  readonly feeCentsTotal: number;
}

export interface W1DossierState {
  events: number;
}

export interface W1RssSampler {
  tick(): void;
  sample(): void;
  stop(): number;
}

export interface W1Options {
  streams: number;
  reads: number;
  singleSeconds: number;
  dir: string;
  keep: boolean;
  perStreamRead: boolean;
  [extra: string]: unknown;
}

/** The exports of w1.mjs this bench uses. */
export interface W1Module {
  readonly W1_READ_ALL_PAGE: number;
  generateWorkload(streams: number): W1Workload;
  workloadSha256(workload: W1Workload): string;
  expectedFold(workload: W1Workload): W1Fold;
  singleAppendSchedule(workload: W1Workload): Iterable<[number, number]>;
  readSample(streams: number, reads: number): number[];
  streamName(n: number): string;
  createProjection(): { apply(streamId: string, type: string, data: unknown): void; result(): W1Fold };
  initialDossier(): W1DossierState;
  evolveDossier(state: W1DossierState, type: string, data: unknown): W1DossierState;
  parseArgs(argv: readonly string[], extra?: Record<string, unknown>): W1Options;
  makeTempDir(baseDir: string, system: string): string;
  createRssSampler(intervalMs?: number): W1RssSampler;
  now(): bigint;
  secondsSince(t0: bigint): number;
  percentile(sorted: Float64Array, p: number): number;
  dbFamilySize(file: string): number;
  mb(bytes: number): number;
  round(x: number): number;
}

/** Where the reference lives: shared/ is always checked out beside the repo. */
export const w1Path = fileURLToPath(new URL('../../shared/peers/w1.mjs', import.meta.url));

export const loadW1 = async (): Promise<W1Module> => {
  if (!existsSync(w1Path)) {
    throw new Error(
      `the W1 reference ${w1Path} is missing: the bench needs ../shared/peers/w1.mjs beside the repo ` +
        '(the shared folder is checked out next to it), so that its fold and workload_sha256 are the reference ones',
    );
  }
  return (await import(pathToFileURL(w1Path).href)) as W1Module;
};
