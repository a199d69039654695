/**
 * Says what was wrong with the link the page was opened with (or that an older link was
 * updated), in the words the decoder chose. Text only: nothing from the link is rendered
 * as markup.
 */
import { memo } from 'react';
import { engineVersionNotice } from '../../share/engineStamp';
import { dismissLinkNotice, useLinks } from './linkStore';

/** See the module comment. */
export const LinkNotice = memo(function LinkNotice() {
  const problems = useLinks((s) => s.problems);
  const fellBack = useLinks((s) => s.fellBack);
  const migratedFrom = useLinks((s) => s.migratedFrom);
  const otherEngine = useLinks((s) => s.otherEngine);
  if (problems.length === 0 && migratedFrom === null && otherEngine === null) return null;
  const title = fellBack
    ? 'This link could not be opened'
    : problems.length > 0
      ? 'Part of this link was ignored'
      : migratedFrom !== null
        ? 'This link was updated'
        : 'This link comes from another engine version';
  return (
    <div
      className={`link-notice ${fellBack ? 'link-notice-bad' : problems.length > 0 ? 'link-notice-warn' : 'link-notice-info'}`}
      role={problems.length > 0 ? 'alert' : 'status'}
      data-testid="link-notice"
      data-fell-back={fellBack || undefined}
    >
      <div className="link-notice-body">
        <strong className="link-notice-title">{title}</strong>
        {problems.length > 0 && (
          <ul className="link-notice-list">
            {problems.slice(0, 5).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems are a fixed list per link
              <li key={i} data-testid="link-problem">
                {p.message}
              </li>
            ))}
            {problems.length > 5 && <li>…and {problems.length - 5} more.</li>}
          </ul>
        )}
        {migratedFrom !== null && (
          <p className="link-notice-note" data-testid="link-migrated">
            It was made by an older version of Eventually (link format {migratedFrom}) and has been updated; “Copy link” gives the current form.
          </p>
        )}
        {otherEngine !== null && (
          <p className="link-notice-note" data-testid="link-engine-version">
            {engineVersionNotice('link', otherEngine)}
          </p>
        )}
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss" data-testid="link-notice-dismiss" onClick={dismissLinkNotice}>
        ×
      </button>
    </div>
  );
});
