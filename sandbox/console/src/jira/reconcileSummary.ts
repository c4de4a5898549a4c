/** What a reconciliation pass did, in words, from the result the scheduled trigger answers with. */
export interface ReconcilePass {
  /** When the pass started (ISO). */
  at: string;
  windowStart: number;
  windowEnd: number;
  lagSeconds?: number;
  listed: number;
  withKey: number;
  alreadyImported: number;
  queued: number;
  retried: number;
  complete: boolean;
  error?: string;
}

const utc = (unixSeconds: number) => `${new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function isReconcilePass(value: unknown): value is ReconcilePass {
  const v = value as Partial<ReconcilePass> | null;
  return typeof v === 'object' && v !== null && typeof v.windowStart === 'number' && typeof v.windowEnd === 'number' && typeof v.listed === 'number';
}

export function reconcileSummary(pass: ReconcilePass): string[] {
  const lag = pass.lagSeconds === undefined ? '' : ` (the window ends ${pass.lagSeconds} s before the pass)`;
  const lines = [`Sessions that ended ${utc(pass.windowStart)} to ${utc(pass.windowEnd)}${lag}`];
  if (pass.error) return [...lines, `Could not list the sessions: ${pass.error}`];
  if (pass.windowEnd <= pass.windowStart) return [...lines, 'Nothing new to look at since the last pass.'];
  lines.push(
    `${pass.listed} listed by PRA, ${pass.withKey} with a ticket: ${pass.alreadyImported} already imported, ${pass.queued} queued for import, ${pass.retried} failed import(s) retried`,
  );
  if (!pass.complete) lines.push('Not complete: the next pass resumes it.');
  return lines;
}

/** An entry of the configuration page's import activity (`listImportActivity`), the fields used here. */
export interface ImportActivityEntry {
  lsid: string;
  status: string;
  source: string;
  receivedAt: string;
  ticketKey?: string;
  jumpItem?: string;
  reason?: string;
}

/** How the imports this pass queued went, from the app's own import activity. */
export function queuedImportsLine(pass: ReconcilePass, imports: ImportActivityEntry[]): string {
  const mine = imports.filter((i) => i.source === 'reconcile' && i.receivedAt >= pass.at);
  const done = mine.filter((i) => i.status === 'done');
  const others = mine.filter((i) => i.status !== 'done').map((i) => `${i.ticketKey ?? i.lsid}: ${i.status}${i.reason ? ` (${i.reason})` : ''}`);
  const where = done.map((i) => `${i.ticketKey ?? '?'} ← ${i.jumpItem ?? i.lsid}`).join(', ');
  return [`Imported ${done.length} of the ${pass.queued} queued${where ? `: ${where}` : ''}`, ...others].join('; ');
}
