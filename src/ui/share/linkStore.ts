/**
 * What the page knows about the link it was opened with: the problems to tell the reader,
 * whether an older link was migrated, and which controls an embed may show.
 */
import { create } from 'zustand';
import type { LinkProblem } from '../../share/linkState';

/** The link store's shape. */
export interface LinkUiState {
  /** Problems with the link last opened; shown until dismissed. */
  problems: LinkProblem[];
  /** The link's scenario was replaced by the default one. */
  fellBack: boolean;
  /** Version the last link was migrated from, or null. */
  migratedFrom: number | null;
  /** Control paths an embed shows; null when the link does not say (no controls then). */
  allow: string[] | null;
  /** The engine version the last link was made with, when it is not this one (its run may differ); else null. */
  otherEngine: number | null;
}

/** The one link store. */
export const useLinks = create<LinkUiState>(() => ({ problems: [], fellBack: false, migratedFrom: null, allow: null, otherEngine: null }));

/** Hides the link notice. */
export function dismissLinkNotice(): void {
  useLinks.setState({ problems: [], fellBack: false, migratedFrom: null, otherEngine: null });
}
