/**
 * Sharing's start-up: adds the "Share" side tab and loads the link in the address (then keeps
 * the address in step). Importing this module does it once; the entry imports it after the
 * lesson player, so an open lesson has already claimed the playground (see linkSync.ts).
 */
import { lazyPanel } from '../lazyPanel';
import { registerSidePanel } from '../sidePanels';
import { startLinkSync } from './linkSync';
import './share.css';

/** The Share tab's panel (embed snippets, files, trace export) loads when first wanted. */
const panel = lazyPanel(() => import('./SharePanel').then((m) => m.SharePanel), 'sharing');

/** The side-panel tab id. */
export const SHARE_TAB_ID = 'share';

let registered = false;

/** Registers the tab and starts link sync (idempotent). */
export function registerSharing(): void {
  if (registered) return;
  registered = true;
  registerSidePanel({ id: SHARE_TAB_ID, title: 'Share', order: 9, render: panel.render, prefetch: panel.prefetch });
  void startLinkSync();
}

registerSharing();
