import { runDeskStory } from './desk-story.js';

const { history, state } = await runDeskStory();
for (const event of history) {
  const { streamVersion, occurredAt } = event.metadata;
  console.log(`v${streamVersion}  ${occurredAt}  ${event.type}`);
}
console.log(`\n${state.code}: ${state.status}, promised ${state.dueDate}, returned ${state.timeliness ?? '-'}`);
