// The province-year generator on a thread of its own (`motcua generate`): it posts groups of appends
// to the thread that writes them (the one that started it, or the writer's, through the port it was
// given), staying at most a few groups ahead (the writer's count of groups written, in shared memory,
// paces it), so the two cores share the work and memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import { appendGroups, encodedGroups } from './append-groups.js';
import type { GeneratorMessage, GeneratorThreadData } from './generator-thread.js';

const { workload, perGroup, progress, ahead, encode, port } = workerData as GeneratorThreadData;
const post = (message: GeneratorMessage) => (port ?? parentPort)?.postMessage(message);
const counters = new Int32Array(progress);
let posted = 0;
for (const group of encode ? encodedGroups(workload, perGroup) : appendGroups(workload, perGroup)) {
  post(group);
  posted++;
  for (let written = Atomics.load(counters, 0); posted - written > ahead; written = Atomics.load(counters, 0)) {
    Atomics.wait(counters, 0, written, 1000);
  }
}
post('done');
