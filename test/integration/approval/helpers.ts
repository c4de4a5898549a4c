/**
 * The endpoint-approval world: both simulators and the app in the local Forge host (compose()), the
 * integration configured, and helpers to call the Endpoint Approval URL directly (fetch) or as a PRA
 * user entering a ticket ID (the PRA simulator's ticket-system caller).
 */
import { compose, type ComposeOptions, type Composition } from '../../../sandbox/compose';
import type { TicketRequestInput } from '../../../sandbox/pra-simulator';

export const APPROVAL_MODULE = 'endpoint-approval';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

export interface ApprovalWorld {
  w: Composition;
  /** The Endpoint Approval URL with its token. */
  url: string;
  configure(settings?: Record<string, unknown>): Promise<void>;
  /** POSTs to the Endpoint Approval URL: a JSON body by default, or `raw` text with `contentType`. */
  post(body: unknown, options?: { contentType?: string; raw?: string; url?: string; method?: string }): Promise<Answer>;
  /** As the PRA user would: the appliance calls the ticket system and shows the outcome. */
  enter(ticketId: string, user: TicketRequestInput['user'], jumpItem: TicketRequestInput['jumpItem']): ReturnType<Composition['pra']['sendTicketRequest']>;
  /** Runs `fn` and returns the Jira requests the approval web trigger sent meanwhile ("GET /rest/api/3/issue/SD-1"). */
  jiraCallsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[] }>;
  close(): Promise<void>;
}

export async function approvalWorld(settings: Record<string, unknown> = {}, options: ComposeOptions = {}): Promise<ApprovalWorld> {
  const w = await compose({ ...options, host: { queueDelayScale: 0.001, ...options.host } });
  let url = '';
  const world: ApprovalWorld = {
    w,
    get url() {
      return url;
    },
    async configure(more = {}) {
      const result = await w.configure({ ...settings, ...more });
      if (!result.ok || !result.view?.urls) throw new Error(`configuration failed: ${JSON.stringify(result)}`);
      url = result.view.urls.endpointApprovalUrl;
    },
    async post(body, opts = {}) {
      const res = await fetch(opts.url ?? url, {
        method: opts.method ?? 'POST',
        headers: { 'content-type': opts.contentType ?? 'application/json' },
        body: opts.method === 'GET' ? undefined : (opts.raw ?? JSON.stringify(body)),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    enter: (ticketId, user, jumpItem) => w.pra.sendTicketRequest({ ticketId, user, jumpItem }),
    async jiraCallsDuring(fn) {
      const before = w.host.jiraCalls.length;
      const result = await fn();
      const calls = w.host.jiraCalls
        .slice(before)
        .filter((c) => c.moduleKey === APPROVAL_MODULE)
        .map((c) => `${c.method} ${c.path.split('?')[0]}`);
      return { result, calls };
    },
    close: () => w.close(),
  };
  await world.configure();
  return world;
}

/** The §8.2 body as the PRA simulator sends it, for direct calls. */
export function praBody(ticketId: string, user: Record<string, unknown>, jumpItem: Record<string, unknown>): Record<string, unknown> {
  return { ticket_id: ticketId, user, jump_item: jumpItem };
}

export const ALEX = { username: 'arivera', private_display_name: 'Alex Rivera', public_display_name: 'Alex', email_address: 'alex.rivera@example.com' };
export const CASEY = { username: 'cnguyen', private_display_name: 'Casey Nguyen', public_display_name: 'Casey', email_address: 'casey.nguyen@example.com' };
