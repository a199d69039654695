/**
 * The top bar's "Copy link": copies a link to exactly what is on screen (scenario, control
 * changes, playhead, selection). When the clipboard is not available (an insecure origin, a
 * denied permission) the link is shown selected so it can be copied by hand.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { flushPendingEdits } from '../pendingEdits';
import { currentLink, writeHashNow } from './linkSync';

type Status = { kind: 'idle' } | { kind: 'copied'; chars: number } | { kind: 'manual'; link: string };

/** Lets edits still waiting for the learner to pause reach the engine before the link is made. */
async function settle(): Promise<void> {
  flushPendingEdits();
  await new Promise((ok) => setTimeout(ok, 50));
}

/** See the module comment. */
export const CopyLinkButton = memo(function CopyLinkButton() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => {
    if (status.kind === 'manual') input.current?.select();
  }, [status]);

  const copy = async () => {
    await settle();
    writeHashNow();
    const link = currentLink();
    try {
      await navigator.clipboard.writeText(link);
      setStatus({ kind: 'copied', chars: link.length });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setStatus({ kind: 'idle' }), 2500);
    } catch {
      setStatus({ kind: 'manual', link });
    }
  };

  return (
    <div className="copy-link">
      <button
        type="button"
        className="btn btn-small"
        data-testid="copy-link"
        title="Copy a link to this run: scenario, control changes, playhead and selection"
        onClick={() => void copy()}
      >
        <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
          <path
            d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"
            stroke="currentColor"
            strokeWidth="2"
            fill="none"
            strokeLinecap="round"
          />
        </svg>
        {status.kind === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status">
        {status.kind === 'copied' ? `Link copied, ${status.chars} characters` : ''}
      </span>
      {status.kind === 'manual' && (
        <div className="popover copy-link-manual" role="dialog" aria-label="Copy this link">
          <label htmlFor="copy-link-text">The clipboard is not available here. Copy this link:</label>
          <input id="copy-link-text" ref={input} readOnly value={status.link} data-testid="copy-link-text" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn btn-small" onClick={() => setStatus({ kind: 'idle' })}>
            Done
          </button>
        </div>
      )}
    </div>
  );
});
