import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { isRight } from '../../fp.js';
import type { RecordedEvent } from '../../kernel/envelope.js';
import type { Verdict, VerdictKind, VerdictStep } from '../verdict.js';
import { computeVerdictFromStore } from '../verdicts/registry.js';
import { scenarioDesk, TENANT, vn, type ScenarioDesk } from '../verdicts/verdict.testkit.js';
import { createVerdictRegistry } from '../verdicts/registry.js';
import { ruleBookVariant, whatIf } from '../what-if.js';
import { escapeHtml, escapeMarkdown, renderVerdictReport, renderWhatIfReport } from './index.js';
import { vietnameseFinding } from './vi/index.js';

/**
 * Given an incident reported about an officer whose id, as typed at the desk, holds a script tag and
 * Markdown markup, acknowledged a day late and typed in days after, When its verdict is written as
 * Markdown and as HTML in Vietnamese and in English, Then the reader finds the question, the answer,
 * each step with its rule and source, every event it rests on and the versions applied, and no text
 * from an event is read as markup.
 */
const INCIDENT = 'INC-2026-0101';
const HOSTILE = '<script>alert("x")</script> **bold** | [link](http://evil)';
let scenario: ScenarioDesk;
let answer: { verdict: Verdict; events: readonly RecordedEvent[] };
let complaint: { verdict: Verdict; events: readonly RecordedEvent[] };

const verdictOf = async (kind: VerdictKind, subject: string) => {
  const result = await computeVerdictFromStore(scenario.desk.store, { kind, tenantId: TENANT, subject, asOf: { businessTime: vn('2026-03-27', '17:00') } }, scenario.deps);
  if (!isRight(result)) throw new Error(result.left.message);
  return result.right;
};

beforeAll(async () => {
  scenario = scenarioDesk();
  const { record } = scenario;
  await record('incidents', {
    type: 'ReportIncident',
    data: { incidentId: INCIDENT, occurredAt: vn('2026-03-10'), source: 'hotline', category: 'C03', officerId: HOSTILE, unitId: 'tn-phuc-vu-hcc', description: 'Asked for an extra payment.' },
  });
  await record('incidents', { type: 'AcknowledgeIncident', data: { incidentId: INCIDENT, occurredAt: vn('2026-03-12', '15:00'), severity: 'minor' } }, { recordedAt: '2026-03-17T02:00:00Z' });
  await record('feedback', { type: 'ReceiveFeedback', data: { feedbackId: 'FB-7', occurredAt: vn('2026-03-06'), channel: 'online', kind: 'khieu-nai', summary: 'Twice the same paper.' } });
  await record('feedback', { type: 'AnswerFeedback', data: { feedbackId: 'FB-7', occurredAt: vn('2026-03-24', '16:00'), answerSummary: 'Sorry.' } });
  answer = await verdictOf('incident', INCIDENT);
  complaint = await verdictOf('feedback', 'FB-7');
});

describe('a verdict as HTML', () => {
  it('Then the Vietnamese report is one document with the question, the answer, each step with its rule and source, the events and the versions', () => {
    const html = renderVerdictReport(answer, { format: 'html' });
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<h1>Kết luận kiểm tra vụ việc về công vụ INC-2026-0101</h1>');
    expect(html).toContain('<h2>Câu hỏi</h2><p>Vụ việc INC-2026-0101 có được xử lý đúng từng thời hạn không?</p>');
    expect(html).toMatch(/<h2>Trả lời<\/h2><p class="answer">Vụ việc đang xử lý: 2 trên 2 thời hạn bị trễ\.<\/p>/);
    expect(html).toContain('<h3>Thời hạn tiếp nhận xử lý <code>deadline:acknowledge</code></h3>');
    expect(html).toContain('Quy định: <code>decree-118-2025-amended-2026</code> <code>incidentStepDeadlineWorkingDays.acknowledge</code> (nguồn: docs/domain/conduct-catalogue.md §3)');
    expect(html).toContain('những gì đã xảy ra đến 17:00 ngày 27/03/2026');
    for (const position of answer.verdict.events) expect(html).toMatch(new RegExp(`<tr id="event-${position}"><td>#${position}</td><td>Incident(Reported|Acknowledged)</td><td><code>incident-thai-nguyen:${INCIDENT}</code></td><td>\\d</td>`));
    expect(html).toMatch(/nhập muộn 3 ngày làm việc/);
    expect(html).toContain(`Bộ quy định: ${answer.verdict.ruleSetVersions.join(', ')}`);
    expect((html.match(/<li id="step-/g) ?? []).length).toBe(answer.verdict.steps.length);
  });

  it('Then the English report says the same with English labels', () => {
    const html = renderVerdictReport(answer, { format: 'html', lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h2>Question</h2><p>Was incident INC-2026-0101 handled within each of its deadlines?</p>');
    expect(html).toContain('The incident is open: 2 of 2 deadlines missed.');
    expect(html).toContain('<h3>Deadline to acknowledge <code>deadline:acknowledge</code></h3>');
    expect(html).toContain('<th>Position</th><th>Event type</th><th>Stream</th><th>Version</th><th>Occurred at</th><th>Recorded at</th>');
    expect(html).toMatch(/entered 3 working days late/);
  });

  it('Then a script typed into an event field is text, never markup', () => {
    const html = renderVerdictReport(answer, { format: 'html' });
    expect(answer.verdict.steps.find((s) => s.id === 'report')?.finding).toContain('<script>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; **bold** | [link](http://evil)');
  });
});

describe('a verdict as Markdown', () => {
  it('Then the headings, the steps and an events table are there, in each language', () => {
    const vi = renderVerdictReport(complaint, { format: 'md' });
    expect(vi).toMatch(/^# Kết luận kiểm tra phản ánh, kiến nghị FB-7\n/);
    expect(vi).toContain('## Trả lời\n\n**Không được xử lý đúng hạn.**');
    expect(vi).toContain('### 2\\. Thời hạn trả lời (deadline:answer)');
    expect(vi).toContain('| Vị trí | Loại sự kiện | Luồng | Phiên bản | Thời điểm xảy ra | Thời điểm ghi nhận |');
    const en = renderVerdictReport(complaint, { format: 'md', lang: 'en' });
    expect(en).toContain('## Answer\n\n**Not handled in time.**');
    expect(en).toContain('- Rule: decree-118-2025-amended-2026 feedbackDeadlineWorkingDays.khieu-nai (source: docs/domain/conduct-catalogue.md §4)');
    for (const event of complaint.events) expect(en).toContain(`| \\#${event.metadata.globalPosition} | ${event.type} | feedback-thai-nguyen:FB-7 | ${event.metadata.streamVersion} |`);
  });

  it('Then a script or Markdown typed into an event field is escaped', () => {
    const md = renderVerdictReport(answer, { format: 'md' });
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>alert("x")\\</script\\> \\*\\*bold\\*\\* \\| \\[link\\](http://evil)');
  });
});

describe('a what-if as a report', () => {
  const incidentWhatIf = () =>
    whatIf(
      createVerdictRegistry().definitionOf('incident')!,
      answer.events,
      { tenantId: TENANT, subject: INCIDENT, asOf: { businessTime: vn('2026-03-27', '17:00') } },
      scenario.deps,
      { rules: ruleBookVariant(scenario.deps.rules, (set) => ({ ...set, incidentStepDeadlineWorkingDays: { ...set.incidentStepDeadlineWorkingDays, acknowledge: 2 } })), label: '<b>two days</b>' },
    );

  it('Then both answers, the changes, the recorded facts and each difference are there, escaped, in each language', () => {
    const html = renderWhatIfReport(incidentWhatIf(), { format: 'html' });
    expect(html).toContain('<h1>Giả định: kết luận kiểm tra vụ việc về công vụ INC-2026-0101 theo quy định khác</h1>');
    expect(html).toContain('<li><strong>Theo giả định</strong> (&lt;b&gt;two days&lt;/b&gt;): Vụ việc đang xử lý: 2 trên 2 thời hạn bị trễ.</li>');
    expect(html).toContain('<tr><td>decree-118-2025-amended-2026</td><td>incidentStepDeadlineWorkingDays.acknowledge</td><td>1</td><td>2</td><td>có</td></tr>');
    expect(html).toContain('<tr><td>Thời hạn tiếp nhận xử lý (deadline:acknowledge)</td><td>values.recomputedDueDate</td><td>(không có)</td><td>2026-03-12</td></tr>');
    expect(html).not.toMatch(/<script|<b>/);
    const md = renderWhatIfReport(incidentWhatIf(), { format: 'md', lang: 'en' });
    expect(md).toMatch(/^# What-if: the audit verdict on conduct incident INC-2026-0101 under other rules\n/);
    expect(md).toContain('| Deadline to acknowledge (deadline:acknowledge) | values.recomputedDueDate | (none) | 2026-03-12 |');
    expect(md).toContain('- **Under the alternative** (\\<b\\>two days\\</b\\>): The incident is open: 2 of 2 deadlines missed.');
    expect(md).toContain('ADR 0003');
  });
});

describe('the answer of each kind', () => {
  const answerOf = (kind: VerdictKind, outcome: unknown, lang: 'vi' | 'en') => {
    const verdict: Verdict = { kind, tenantId: TENANT, subject: 'S-1', asOf: { globalPosition: 1 }, outcome, steps: [{ id: 'last', finding: 'The last finding.', events: [] }], ruleSetVersions: [], calendarVersions: [], events: [] };
    return /<p class="answer">([^<]*)<\/p>/.exec(renderVerdictReport({ verdict, events: [] }, { format: 'html', lang }))?.[1];
  };

  it('Then a dossier late against its original due date says by how many working days', () => {
    const late = { status: 'RETURNED', judged: true, judgedOn: '2026-03-10', late: true, overdue: false, workingDaysLate: 2, originalDueDate: '2026-03-06', timeliness: 'late' };
    expect(answerOf('dossier', late, 'vi')).toBe('Trễ hạn 2 ngày làm việc so với hạn ban đầu 06/03/2026 (xét ngày 10/03/2026).');
    expect(answerOf('dossier', late, 'en')).toBe('Late by 2 working days against the original due date 2026-03-06 (judged on 2026-03-10).');
  });

  it('Then an officer\'s rating says the proposal and the decision recorded against it', () => {
    const rated = { status: 'proposed', proposed: { points: 91.3, level: 'excellent' }, recorded: { level: 'good' }, decision: 'differs' };
    expect(answerOf('officer', rated, 'vi')).toBe('Đề xuất xếp loại: hoàn thành xuất sắc nhiệm vụ (91,3 điểm). Quyết định đã ghi: hoàn thành tốt nhiệm vụ, khác đề xuất.');
    expect(answerOf('officer', rated, 'en')).toBe('Proposed: excellent (91.3 points). Recorded: good, which differs from the proposal.');
  });

  it('Then an outcome of a shape the report does not know is answered by the last step', () => {
    expect(answerOf('officer', { something: 'else' }, 'vi')).toBe('The last finding.');
  });
});

const stepArbitrary: fc.Arbitrary<VerdictStep> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 12 }),
    finding: fc.string({ maxLength: 80 }),
    rule: fc.record({ ruleSetId: fc.string({ maxLength: 10 }), field: fc.string({ maxLength: 10 }), source: fc.string({ maxLength: 10 }) }),
    events: fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 4 }),
    values: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
  },
  { requiredKeys: ['id', 'finding', 'events'] },
);

const verdictArbitrary = fc
  .record({
    kind: fc.constantFrom<VerdictKind>('dossier', 'officer', 'incident', 'feedback'),
    subject: fc.string({ minLength: 1, maxLength: 20 }),
    steps: fc.array(stepArbitrary, { maxLength: 6 }),
    positions: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 6 }),
    type: fc.string({ minLength: 1, maxLength: 16 }),
    stream: fc.string({ minLength: 1, maxLength: 24 }),
    lang: fc.constantFrom('vi' as const, 'en' as const),
  })
  .map(({ kind, subject, steps, positions, type, stream, lang }) => {
    const sorted = [...positions].sort((a, b) => a - b);
    const verdict: Verdict = {
      kind, tenantId: TENANT, subject, asOf: { globalPosition: sorted[sorted.length - 1] ?? 0 }, outcome: {}, steps, ruleSetVersions: ['rs-1'], calendarVersions: ['vn-2026.1'], events: sorted,
    };
    // Every other event is given to the report; the others are named by their position only.
    const events = sorted.filter((_, i) => i % 2 === 0).map(
      (globalPosition, i) =>
        ({
          type: `${type}${i}`, data: {},
          metadata: { globalPosition, streamId: stream, streamVersion: i + 1, occurredAt: '2026-03-02T02:00:00.000Z', recordedAt: '2026-03-02T02:01:00.000Z', eventId: `e${i}`, tenantId: TENANT },
        }) as unknown as RecordedEvent,
    );
    return { verdict, events, lang };
  });

describe('report laws', () => {
  test.prop([verdictArbitrary], { numRuns: 150 })('every step and every event of a verdict appear in its report, in both formats', ({ verdict, events, lang }) => {
    const html = renderVerdictReport({ verdict, events }, { format: 'html', lang });
    const md = renderVerdictReport({ verdict, events }, { format: 'md', lang });
    const byPosition = new Map(events.map((event) => [event.metadata.globalPosition, event]));
    verdict.steps.forEach((step, i) => {
      expect(html).toContain(`<li id="step-${i + 1}">`);
      expect(html).toContain(`<code>${escapeHtml(step.id)}</code>`);
      expect(md).toContain(`### ${i + 1}\\. `);
      // A step without Vietnamese wording shows the verdict's own finding, marked in a Vietnamese report.
      if (lang === 'en' || vietnameseFinding(verdict, step, byPosition) === undefined) {
        const label = lang === 'vi' ? 'Nhận định (nguyên văn tiếng Anh)' : 'Finding';
        expect(html).toContain(`<span class="muted">${label}:</span> ${escapeHtml(step.finding)}</p>`);
        expect(md).toContain(`${label}: ${escapeMarkdown(step.finding)}\n`);
      }
      if (step.rule !== undefined) expect(html).toContain(`<code>${escapeHtml(step.rule.field)}</code>`);
    });
    for (const position of verdict.events) {
      expect(html).toContain(`<tr id="event-${position}"><td>#${position}</td>`);
      expect(md).toContain(`| \\#${position} | `);
    }
    for (const event of events) {
      expect(html).toContain(`<td>${escapeHtml(event.type)}</td><td><code>${escapeHtml(event.metadata.streamId)}</code></td><td>${event.metadata.streamVersion}</td>`);
      expect(md).toContain(`| \\#${event.metadata.globalPosition} | ${escapeMarkdown(event.type)} | ${escapeMarkdown(event.metadata.streamId)} | ${event.metadata.streamVersion} |`);
    }
    // No text of the verdict opens an element: every `<` of the document is the writer's own.
    expect(html.replace(/<\/?(!doctype html|html|head|meta|title|style|body|main|h1|h2|h3|p|section|ul|ol|li|code|span|a|table|thead|tbody|tr|th|td|footer)\b[^<>]*>/g, '')).not.toContain('<');
  });
});
