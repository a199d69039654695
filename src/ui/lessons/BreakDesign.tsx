/**
 * "Break this design" (interview prep): pick a design, read its authors' claim, and find a run
 * that breaks a business rule with the design's remedies locked — by hand or with the Search tab.
 * "Check my run" grades the playground's run with the independent checker.
 */
import { useEffect, useRef } from 'react';
import { DESIGNS, designById } from '../../lessons/catalog';
import { ORDERING_LABELS, REMEDIES } from '../../sim/catalog';
import type { Remedies } from '../../sim/types';
import { RULE_TITLES } from '../search/ruleLabels';
import { SEARCH_TAB_ID } from '../search/register';
import { useUi } from '../store';
import { checkDesignRun, leaveDesign, openDesign, reloadDesign, showDesignSolution, useDesign } from './designStore';
import { useLessons } from './lessonStore';
import { Markdown } from './Markdown';

function designRemedies(r: Remedies): string[] {
  return (Object.keys(REMEDIES) as (keyof Remedies)[])
    .filter((k) => (k === 'ordering' ? r.ordering !== 'none' : r[k] === true))
    .map((k) => (k === 'ordering' ? `${REMEDIES[k].label}: ${ORDERING_LABELS[r.ordering]}` : REMEDIES[k].label));
}

function Verdict() {
  const verdict = useDesign((s) => s.verdict);
  const box = useRef<HTMLDivElement>(null);
  // The verdict appears below the buttons, often under the fold of the side panel: bring it into view.
  useEffect(() => {
    if (verdict) box.current?.scrollIntoView({ block: 'nearest' });
  }, [verdict]);
  return (
    <div ref={box} role="status">
      {verdict && <VerdictText />}
    </div>
  );
}

function VerdictText() {
  const verdict = useDesign((s) => s.verdict);
  const solutionShown = useDesign((s) => s.solutionShown);
  if (!verdict) return null;
  if (verdict.kind === 'notTheDesign') {
    return (
      <p className="challenge-result tone-missed" role="alert" data-testid="design-verdict" data-verdict="notTheDesign">
        This run does not count: {verdict.problem}. Load the design again and break it with its own remedies.
      </p>
    );
  }
  if (verdict.kind === 'holds') {
    return (
      <div className="challenge-result tone-missed" data-testid="design-verdict" data-verdict="holds">
        <p>
          <strong>The design held.</strong> The independent checker ran your run to its end and every business rule was kept.
        </p>
        {verdict.excused > 0 && (
          <p className="lesson-muted" data-testid="design-excused">
            It parked {verdict.excused === 1 ? 'an order' : 'orders'} for manual review: visible, not healed. That is the design admitting a limit,
            not breaking a rule.
          </p>
        )}
        <p className="lesson-muted">
          Switch a fault on, make a what-if on a single message, or let the Search tab try thousands of runs for you.
        </p>
      </div>
    );
  }
  const more = verdict.violations.length - 1;
  return (
    <div className="challenge-result tone-met" data-testid="design-verdict" data-verdict="broken" data-rule={verdict.violation.invariant}>
      <p>
        <strong>{solutionShown ? 'This run breaks the design' : 'You broke the design'}: {RULE_TITLES[verdict.violation.invariant]}.</strong>{' '}
        {verdict.violation.sentence}
      </p>
      {more > 0 && <p className="lesson-muted">The checker found {more} more broken {more === 1 ? 'rule' : 'rules'} in the same run.</p>}
    </div>
  );
}

function DesignList() {
  return (
    <div className="challenge-intro">
      <p>
        An interviewer shows you a design and says it is safe. Your job: find a run that breaks it. Each design below has its remedies
        locked; switch faults on, make what-ifs on single messages, or use the Search tab, and the independent checker judges your run.
      </p>
      <ul className="design-list">
        {DESIGNS.map((d) => (
          <li key={d.id}>
            <button type="button" className="lesson-btn" onClick={() => openDesign(d.id)} data-testid="design-open" data-design={d.id}>
              {d.title}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The "Break it" half of the lesson panel. */
export function BreakDesign() {
  const id = useDesign((s) => s.designId);
  const checking = useDesign((s) => s.checking);
  const explained = useDesign((s) => s.explained);
  const holds = useLessons((s) => s.playgroundHolds === `design:${id}`);
  const d = designById(id);
  if (!d) return <DesignList />;
  return (
    <article className="challenge" data-design={d.id} data-testid="design">
      <header className="lesson-header">
        <h3>{d.title}</h3>
      </header>
      <Markdown html={d.story} />
      <section aria-labelledby="design-remedies-title">
        <h5 id="design-remedies-title">The design (locked)</h5>
        <ul className="design-remedies" data-testid="design-remedies">
          {designRemedies(d.scenario.remedies).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>
      {!holds && (
        <p className="lesson-notice-inline">
          The playground is showing something else right now.{' '}
          <button type="button" className="lesson-btn" onClick={reloadDesign} data-testid="design-reload">
            Load the design
          </button>
        </p>
      )}
      <div className="lesson-actions">
        <button type="button" className="lesson-btn primary" onClick={() => void checkDesignRun()} disabled={checking} data-testid="design-check">
          {checking ? 'Checking your run…' : 'Check my run'}
        </button>
        <button type="button" className="lesson-btn" onClick={() => useUi.setState({ sideTab: SEARCH_TAB_ID })} data-testid="design-open-search">
          Open the Search tab
        </button>
      </div>
      <Verdict />
      {explained ? (
        <section aria-label="Why it breaks" data-testid="design-explanation">
          <h5>Why it breaks</h5>
          <Markdown html={d.explanation} />
        </section>
      ) : (
        <button type="button" className="lesson-btn subtle" onClick={showDesignSolution} data-testid="design-show-solution">
          Show me a run that breaks it
        </button>
      )}
      <div className="lesson-actions">
        <button type="button" className="lesson-btn subtle" onClick={reloadDesign} data-testid="design-reset">
          Start over
        </button>
        <button type="button" className="lesson-btn subtle" onClick={leaveDesign} data-testid="design-leave">
          All designs
        </button>
      </div>
    </article>
  );
}
