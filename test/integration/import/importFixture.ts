/** Shared setup for the session-import tests: the composed integration, configured, with fast delays. */
import { compose, type Composition } from '../../../sandbox/compose';
import { DEMO } from '../../../sandbox/jira-simulator/seed';
import { PRA_DEMO } from '../../../sandbox/demo/praSeed';
import type { CreateSessionInput } from '../../../sandbox/pra-simulator/sessions';

export interface ImportWorld extends Composition {
  outboundUrl: string;
  /**
   * Creates and ends a PRA session; PRA then delivers support_conference_end to the app.
   * `endedSecondsAgo` backdates it (reconciliation only looks at sessions that ended over 5 minutes ago).
   */
  endSession(input: CreateSessionInput, endedSecondsAgo?: number): Promise<string>;
  /** Waits until PRA has delivered its events and the app's queue is idle. */
  settle(): Promise<void>;
  comments(issueKey: string): Promise<Array<{ id: string; body: unknown; properties?: Array<{ key: string; value: any }> }>>;
  attachments(issueKey: string): Promise<Array<{ id: string; filename: string; size: number; mimeType: string; author: string }>>;
  postEvent(fields: Record<string, string>, url?: string): Promise<Response>;
  /** The app's comments for one session on a ticket (those carrying its marker with that lsid). */
  importComments(issueKey: string, lsid: string): Promise<Array<{ id: string; body: unknown; properties?: Array<{ key: string; value: any }> }>>;
  /** The session's entry in the admin page's import activity. */
  importRecord(lsid: string): Promise<any>;
}

export async function startImportWorld(settings: Record<string, unknown> = {}): Promise<ImportWorld> {
  const w = await compose({ host: { queueDelayScale: 0.001 } });
  w.pra.setKnobs({ outboundRetryIntervalMs: 20 });
  const configured = await w.configure(settings);
  if (configured.view?.validation.status !== 'valid') throw new Error(`configuration invalid: ${JSON.stringify(configured.view?.validation)}`);
  const outboundUrl = configured.view.urls!.outboundEventUrl;
  const issueState = async (key: string) => (await fetch(`${w.jiraUrl}/__sim/issues/${key}`)).json() as Promise<any>;
  return {
    ...w,
    outboundUrl,
    async endSession(input, endedSecondsAgo) {
      const now = Math.floor(Date.now() / 1000);
      const backdated = endedSecondsAgo === undefined ? {} : { startTime: now - endedSecondsAgo - 120 };
      const session = w.pra.createSession({ rep: PRA_DEMO.users.alex.username, notify: false, ...backdated, ...input });
      w.pra.endSession(session.lsid, endedSecondsAgo === undefined ? {} : { endTime: now - endedSecondsAgo });
      return session.lsid;
    },
    async settle() {
      for (let i = 0; i < 3; i++) {
        // while PRA's outbound events are paused they stay queued there on purpose
        if (!w.pra.getKnobs().outboundPaused) await w.pra.waitForOutboundIdle(10_000);
        await w.host.queue.idle(120_000); // a wait, not a timing check: a loaded machine may take long
      }
    },
    async comments(issueKey) {
      return (await issueState(issueKey)).comments;
    },
    async attachments(issueKey) {
      return (await issueState(issueKey)).attachments;
    },
    postEvent(fields, url = outboundUrl) {
      return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    },
    async importComments(issueKey, lsid) {
      return (await issueState(issueKey)).comments.filter((c: { properties?: Array<{ key: string; value: any }> }) =>
        c.properties?.some((p) => p.key === 'beyondtrust-pra-session' && p.value?.lsid === lsid),
      );
    },
    async importRecord(lsid) {
      const activity = await w.configCall('listImportActivity');
      return activity.imports.find((i: { lsid: string }) => i.lsid === lsid);
    },
  };
}

export { DEMO, PRA_DEMO };

/** All text in an ADF document, joined. */
export function adfText(node: unknown): string {
  const n = node as { text?: string; content?: unknown[] };
  return (n?.text ?? '') + (n?.content ?? []).map(adfText).join(' ');
}
