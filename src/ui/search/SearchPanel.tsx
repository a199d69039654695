/**
 * The Search side tab: "Find a failing run" and "Prove it", both run in a pool of Web Workers.
 * While a challenge or a signals-only lesson keeps its setup secret, the tab stays closed: naming
 * the faults it tries or the rules they break would give the answer away.
 */
import { useSecrets } from '../secrets';
import { FindFailingRun } from './FindFailingRun';
import { ProveIt } from './ProveIt';
import './search.css';

/** See the module comment. */
export function SearchPanel() {
  const secret = useSecrets((s) => s.shareQuery !== null);
  if (secret) {
    return (
      <div className="search-panel" data-testid="search-panel">
        <p className="empty" data-testid="search-secret">
          Search is off while the open challenge or signals-only lesson keeps its setup hidden: it would name the faults and the rules
          they break. Check your answer (or leave it) and come back.
        </p>
      </div>
    );
  }
  return (
    <div className="search-panel" data-testid="search-panel">
      <FindFailingRun />
      <ProveIt />
    </div>
  );
}
