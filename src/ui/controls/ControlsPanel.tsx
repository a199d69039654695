/**
 * The left column: remedies, faults and the starting setup, each in a collapsible section.
 * Remedies come first because they are what learners switch most; below twelve fault sliders
 * they were out of sight on a laptop screen.
 */
import { memo } from 'react';
import { FaultControls } from './FaultControls';
import { RemedyControls } from './RemedyControls';
import { WorkloadControls } from './WorkloadControls';

/** See the module comment. */
export const ControlsPanel = memo(function ControlsPanel() {
  return (
    <nav className="controls-panel" aria-label="Scenario controls" data-testid="controls-panel">
      <details className="section" open>
        <summary>
          <h2>Remedies</h2>
          <span className="section-hint">what we do about it</span>
        </summary>
        <RemedyControls />
      </details>
      <details className="section" open>
        <summary>
          <h2>Faults</h2>
          <span className="section-hint">what goes wrong</span>
        </summary>
        <FaultControls />
      </details>
      <details className="section" open>
        <summary>
          <h2>Workload</h2>
          <span className="section-hint">restarts the run</span>
        </summary>
        <WorkloadControls />
      </details>
    </nav>
  );
});
