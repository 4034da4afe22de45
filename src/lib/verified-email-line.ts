/**
 * The line a demo page shows under who may enter: the email from the Access token the gate
 * verified, as text. One definition for both targets: the Worker renders it in DemoLayout, the
 * Pages build inserts it at the edge (src/pages-target/gated-page.ts) into a prerendered page.
 */
import { escapeHtml } from './escape-html.ts';

export function verifiedEmailLine(email: string): string {
  return `<p class="verified">Signed in as <strong>${escapeHtml(email)}</strong> (token verified at the edge).</p>`;
}
