/** The left column: starting setup, faults and remedies, each in a collapsible section. */
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
          <h2>Workload</h2>
        </summary>
        <WorkloadControls />
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
          <h2>Remedies</h2>
          <span className="section-hint">what we do about it</span>
        </summary>
        <RemedyControls />
      </details>
    </nav>
  );
});
