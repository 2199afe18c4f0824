import { runDeskStory } from './desk-story.js';

const { history, state, explanation } = await runDeskStory();
for (const event of history) {
  const { streamVersion, occurredAt } = event.metadata;
  console.log(`v${streamVersion}  ${occurredAt}  ${event.type}`);
}
console.log(`\n${state.code}: ${state.status}, promised ${state.dueDate}, returned ${state.timeliness ?? '-'}`);

console.log(`\n${explanation.key} = ${explanation.value} (rule sets ${explanation.ruleSetVersions.join(', ')})`);
for (const step of explanation.steps) console.log(`  ${step.label} = ${step.result}`);
for (const ref of explanation.contributions) console.log(`  #${ref.globalPosition}  ${ref.streamId} v${ref.streamVersion}  ${ref.type}`);
