/**
 * The controls an embed offers: only the paths its link allows, drawn with the playground's
 * own control row so they look and behave the same (drafts commit when the reader pauses).
 */
import { memo } from 'react';
import { FAULTS, REMEDIES } from '../../sim/catalog';
import type { Faults, Remedies } from '../../sim/types';
import { FaultSlider } from '../controls/FaultControls';
import { RemedyToggle } from '../controls/RemedyControls';

/** See the module comment. `paths` were checked against the catalogue by the link reader. */
export const EmbedControls = memo(function EmbedControls({ paths }: { paths: readonly string[] }) {
  return (
    <div className="control-list">
      {paths.map((p) => {
        const [sec, key] = p.split('.');
        if (sec === 'faults' && key in FAULTS) return <FaultSlider key={p} name={key as keyof Faults} idPrefix="embed" />;
        if (sec === 'remedies' && key in REMEDIES) return <RemedyToggle key={p} name={key as keyof Remedies} idPrefix="embed" />;
        return null;
      })}
    </div>
  );
});
