/** The demo's result as a short text report (what `npm run demo` prints). */
import type { DemoReport } from './flow';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatReport(r: DemoReport): string {
  const lines: string[] = [];
  const section = (title: string) => lines.push('', title);
  lines.push(`BeyondTrust PRA × Jira sandbox — demo against ${r.baseUrl}`);

  section('Endpoint approval (PRA asks the app\'s Endpoint Approval URL; the PRA user sees the message)');
  const width = Math.max(...r.approvals.map((a) => `${a.ticketId} on ${a.jumpItem}`.length));
  for (const a of r.approvals) {
    const what = `${a.ticketId} on ${a.jumpItem}`.padEnd(width);
    lines.push(`  ${a.allowed ? 'ALLOWED' : 'DENIED '}  ${what}  ${a.user}, ${a.label}${a.allowed ? '' : `\n             "${a.message}"`}`);
  }

  section(`Jump to Asset (${r.jump.issueKey}, as ${r.jump.asUser})`);
  lines.push(`  Jump link:    ${r.jump.link}`);
  lines.push(`  PRA answered: HTTP ${r.jump.status} → ${r.jump.location} (the web access console)`);

  section('Access session');
  lines.push(`  ${r.session.lsid} on ${r.session.jumpItem} as ${r.session.rep}, External Key ${r.session.externalKey || '(none)'}`);
  for (const action of r.session.actions) lines.push(`  ${action}`);
  lines.push('  Session ended');

  section(`Imported into ${r.jump.issueKey}`);
  lines.push(`  First comment ${(r.msToFirstComment / 1000).toFixed(2)} s after the session ended`);
  lines.push(`  Comments (${r.comments.length}):`);
  for (const c of r.comments) lines.push(`    #${c.id} by ${c.author}: "${c.title}" (part ${c.part} of ${c.parts}, ${c.length.toLocaleString('en-US')} characters of ADF)`);
  lines.push(`  Attachments (${r.attachments.length}):`);
  for (const a of r.attachments) lines.push(`    ${a.filename} (${kb(a.size)}, ${a.mimeType})`);
  lines.push('');
  return lines.join('\n');
}
