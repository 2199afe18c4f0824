// The province-year workload of the read-model benchmarks: the generator `motcua generate` uses, so a
// slice generated here with the same options holds the same events.
export { provinceYear, type DayBatch, type WorkloadOptions } from '../packages/cli/src/generate/province-year.js';
