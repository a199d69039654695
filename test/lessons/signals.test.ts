/**
 * Goals on signals (metrics and alerts of the same run), lesson questions and signals-only
 * lessons: the facts read what the recorder saw, and the new front-matter fields are checked
 * with messages naming the lesson and the field.
 */
import { describe, expect, it } from 'vitest';
import { CHALLENGES } from '../../src/lessons/catalog';
import { factLabel, isKnownFact, isSignalFact, readFacts, showValue } from '../../src/lessons/facts';
import { evaluateGoal, parseGoal } from '../../src/lessons/goal';
import { parseLesson } from '../../src/lessons/parseLesson';
import { gradeOrder, normaliseOrderId, type OrderQuestion } from '../../src/lessons/question';
import { runWithSignals } from '../../src/lessons/runSignals';
import { parseScenario } from '../../src/sim/scenario';

/** A valid lesson file whose front matter can be patched line by line. */
function lesson(extra: string, goal = '    - { fact: anomalies.total, max: 0 }', scenario = '{ workload: { orders: 5 } }'): string {
  return `---
id: test-lesson
title: A test lesson
summary: For the tests.
scenario: ${scenario}
goal:
  text: A goal.
  all:
${goal}
hints: [A hint.]
solution:
  - { path: remedies.outbox, value: true }
interview:
  question: Q?
  answer: A.
  points: [one, two]
${extra}
---

## Only step

Text.
`;
}

describe('signal facts', () => {
  const run = runWithSignals(parseScenario({ seed: 1, workload: { orders: 20 }, faults: { latencyMs: 250, jitterMs: 120 } }));

  it('reads the highest and final value of every metric, and alerts by rule', () => {
    const f = readFacts(run.report, { signals: run.signals });
    expect(f['metrics.max.readModel.oldestLagMs'] as number).toBeGreaterThan(200);
    expect(f['metrics.end.readModel.oldestLagMs']).toBe(0);
    expect(f['metrics.end.orders.open']).toBe(0);
    expect(f['metrics.max.orders.open'] as number).toBeGreaterThan(0);
    // With a slow bus, the default payment alert fires on a healthy system.
    expect(f['alerts.fired.paid-not-moving']).toBe(1);
    expect(f['alerts.firing.paid-not-moving']).toBe(false);
    expect(f['alerts.fired.dlq-not-empty']).toBe(0);
    expect(f['alerts.total']).toBe(run.signals.alerts.length);
    expect(f['answer.correct']).toBe(false);
  });

  it('leaves signal facts unknown without signals, so a goal on them cannot be met by accident', () => {
    const goal = parseGoal({ text: 'x', fact: 'metrics.max.readModel.oldestLagMs', min: 0 }, 'x');
    expect(evaluateGoal(goal, run.report).ok).toBe(false);
    expect(evaluateGoal(goal, run.report, { signals: run.signals }).ok).toBe(true);
  });

  it('labels and shows signal facts in words', () => {
    expect(factLabel('metrics.max.readModel.oldestLagMs')).toBe('Highest dashboard lag');
    expect(factLabel('alerts.fired.dlq-not-empty')).toBe('Times "Dead-letter queue is not empty" fired');
    expect(factLabel('alerts.fired.my-rule', [{ id: 'my-rule', title: 'Mine', metric: 'dlq.size', above: 0, forMs: 0, severity: 'warning' }])).toBe(
      'Times "Mine" fired',
    );
    expect(showValue('metrics.max.readModel.oldestLagMs', 350.4)).toBe('350 ms');
    expect(showValue('answer.correct', true)).toBe('right');
    expect(showValue('alerts.firing.dlq-not-empty', true)).toBe('yes');
  });

  it('knows which facts are signals and which are ground truth', () => {
    for (const f of ['metrics.max.dlq.size', 'alerts.total', 'alerts.fired.x', 'answer.correct', 'remedies.outbox', 'workload.orders']) {
      expect(isSignalFact(f), f).toBe(true);
    }
    for (const f of ['anomalies.total', 'orders.Shipped', 'ledger.charged', 'stock.available', 'faults.drop', 'metrics.dropped']) {
      expect(isSignalFact(f), f).toBe(false);
    }
    expect(isKnownFact('alerts.fired.any-rule')).toBe(true);
    expect(isKnownFact('metrics.max.no.such.metric')).toBe(false);
  });
});

describe('order questions', () => {
  const q: OrderQuestion = { kind: 'order', prompt: 'Which?', anomalies: ['lostOrder'], answer: 'o6', explain: 'Because.' };
  const start = runWithSignals(parseScenario({ seed: 12, workload: { orders: 30 }, faults: { drop: 0.01 } }));

  it('accepts ids the way people type them', () => {
    expect(normaliseOrderId(' O6 ')).toBe('o6');
    expect(normaliseOrderId('6')).toBe('o6');
    expect(gradeOrder(q, '6', start).correct).toBe(true);
  });

  it('explains a wrong answer from the log, not from the ground truth', () => {
    const stuck = gradeOrder(q, 'o28', start);
    expect(stuck.correct).toBe(false);
    expect(stuck.feedback).toContain('Payment');
    expect(stuck.feedback).toContain('the provider charging it');
    expect(stuck.feedback).not.toMatch(/anomal|stuck|lost/i);
    expect(gradeOrder(q, '', start).feedback).toMatch(/Type an order id/);
  });
});

describe('new lesson fields', () => {
  const where = 'x.md';

  it('parses a question, signals-only mode and goals on signals', () => {
    const faults = 'drop duplicate reorder latencyMs jitterMs crashAfterCommit crashBeforeAck paymentTimeout clientRetry poison clockSkewMs raceWindowMs'
      .split(' ')
      .map((f) => `faults.${f}`)
      .join(', ');
    const l = parseLesson(
      lesson(
        `signalsOnly: true\nlocked: [${faults}]\nquestion: { kind: order, prompt: Which?, anomalies: [lostOrder], answer: o3, explain: Because. }`,
        '    - { fact: answer.correct, equals: true }\n    - { fact: alerts.fired.dlq-not-empty, max: 0 }\n    - { fact: metrics.max.dlq.size, max: 0 }',
      ),
      where,
    );
    expect(l.signalsOnly).toBe(true);
    expect(l.question?.kind).toBe('order');
  });

  const cases: [string, string, string | undefined, RegExp][] = [
    ['an unknown question kind', 'question: { kind: essay, prompt: P, answer: a, explain: E }', '    - { fact: answer.correct, equals: true }', /field "question\.kind" must be "order" or "threshold"/],
    ['a bad order answer', 'question: { kind: order, prompt: P, anomalies: [lostOrder], answer: six, explain: E }', '    - { fact: answer.correct, equals: true }', /field "question\.answer" must be an order id/],
    ['an unknown anomaly kind', 'question: { kind: order, prompt: P, anomalies: [lost], answer: o1, explain: E }', '    - { fact: answer.correct, equals: true }', /field "question\.anomalies\[0\]"/],
    ['an unknown alert rule in a question', 'question: { kind: threshold, prompt: P, rule: nope, options: [0, 1000], maxWaitMs: 5000, answer: 0, explain: E }', '    - { fact: answer.correct, equals: true }', /field "question\.rule" must name an alert rule/],
    ['an answer that is not an option', 'question: { kind: threshold, prompt: P, rule: dlq-not-empty, options: [0, 1000], maxWaitMs: 5000, answer: 5, explain: E }', '    - { fact: answer.correct, equals: true }', /field "question\.answer" must be one of the options/],
    ['a question the goal ignores', 'question: { kind: order, prompt: P, anomalies: [lostOrder], answer: o1, explain: E }', undefined, /field "goal" must test answer\.correct/],
    ['a goal on an answer with no question', '', '    - { fact: answer.correct, equals: true }', /field "question" is missing/],
    ['an alert fact for a rule the scenario lacks', '', '    - { fact: alerts.fired.no-such-rule, max: 0 }', /field "goal" tests "alerts\.fired\.no-such-rule", but the scenario has no alert rule/],
    ['signals-only with a fault left unlocked', 'signalsOnly: true\nlocked: [faults.drop]', undefined, /field "locked" must lock every fault in a signals-only lesson/],
    ['signalsOnly that is not a boolean', 'signalsOnly: yes please', undefined, /field "signalsOnly" must be true or false/],
  ];
  for (const [name, extra, goal, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => parseLesson(lesson(extra, goal), where)).toThrow(message);
    });
  }

  it('accepts alert facts for a rule the lesson scenario defines', () => {
    const scenario = '{ alerts: [{ id: my-rule, metric: dlq.size, above: 0 }] }';
    expect(parseLesson(lesson('', '    - { fact: alerts.fired.my-rule, max: 0 }', scenario), where).goal).toBeTruthy();
  });
});

describe('signals-only challenges', () => {
  it('has one, with hidden faults', () => {
    const c = CHALLENGES.filter((x) => x.signalsOnly);
    expect(c.length).toBeGreaterThanOrEqual(1);
    for (const x of c) expect(x.faults.length).toBeGreaterThan(0);
  });
});
