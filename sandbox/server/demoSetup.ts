/**
 * What a fresh sandbox starts with (seeded by sandbox/buildWorld.ts): both simulators seeded with the demo (docs/jira-simulator.md §8,
 * sandbox/demo/praSeed.ts), one Jump Item behind a ticket-requiring Jump Policy, the app configured as the
 * Jira admin would (like `compose().configure()`), and PRA pointed at the app's two URLs.
 */
import type { ForgeHost } from '../forge-host';
import type { PraSimulator } from '../pra-simulator';
import { DEMO } from '../jira-simulator/seed';
import { PRA_DEMO } from '../demo/praSeed';
import { CONFIG_PAGE_MODULE, DEMO_SETTINGS } from '../compose';

/**
 * The seeded configuration: the test composition's, with recordings attached so imports show attachments,
 * and change windows required (Change tickets: CHG-1, CHG-2).
 */
export const SANDBOX_SETTINGS = { ...DEMO_SETTINGS, attachRecordings: true, requireChangeWindow: true };

/** Its Jump Policy requires a ticket ID: a session starts only after the ticket system approved one. */
export const TICKET_REQUIRED_JUMP_ITEM = 'DB-SERVER-02';

/** PRA's outbound retry interval in the sandbox (the appliance's 30 s would make a demo wait). */
export const SANDBOX_OUTBOUND_RETRY_MS = 2000;

/** Size of the recording PRA keeps of each session started in the sandbox (the console's access console uses the same). */
export const SANDBOX_RECORDING_BYTES = 256 * 1024;

export const OUTBOUND_RECIPIENT_ID = 'jira';

/** What each seeded ticket demonstrates (shown by the console and `GET /sandbox/api/issues`). */
export const DEMO_CASES: Record<string, string> = {
  'SD-1': 'Assigned to Alex Rivera; asset WORKSTATION-01 (text field, and Jira Assets ITSM-1). The main demo: Jump, session, import; approval allowed.',
  'SD-2': "Assigned to Sam Patel, whose email is hidden. Approval for Sam works through Jira's email lookup for apps (exact address); for Alex it is someone else's ticket.",
  'SD-3': 'Unassigned; DB-SERVER-02, whose Jump Policy requires a ticket ID. Approval is denied: not assigned to anyone.',
  'SD-4': 'Resolved (Done), assigned to Alex. Approval is denied: the ticket is not active.',
  'SD-5': "Cancelled (Won't Do), assigned to Casey Nguyen. Approval is denied: not active.",
  'SD-6': 'Closed (Duplicate), assigned to Alex. Approval is denied: not active.',
  'SD-7': 'Assigned to Alex, but no asset: the Jump dialog says so.',
  'SD-8': 'Assigned to Casey; two Jira Assets objects. Set Asset Field Name to "Assets" to choose between them in the dialog. Casey has not allowed the app yet: the dialog first shows "Allow access".',
  'CHG-1':
    'Change, Implementing, assigned to Alex; DB-SERVER-02. Its planned window is open now (seeded from the last full hour − 1 h, for 4 hours): approval allowed, and the imported session says it ran inside the change window.',
  'CHG-2':
    'Change, Awaiting implementation, assigned to Alex; DB-SERVER-02. Its planned window is tomorrow 22:00–23:00 UTC: approval is denied with the window; move the clock (POST /sandbox/api/clock) into it and it is allowed.',
  'OPS-1': 'IT Operations project: only Morgan and Casey can see it (Alex gets "not found"); it has no asset field.',
};

export interface IntegrationUrls {
  outboundEventUrl: string;
  endpointApprovalUrl: string;
  customLinkUrl: string | null;
}

interface ConfigAnswer {
  ok: boolean;
  view?: { urls: { outboundEventUrl: string; endpointApprovalUrl: string } | null; customLinkUrl?: string; validation?: { status: string; message: string } };
  error?: { message: string };
}

/** What the sandbox adds to the demo seed (sandbox/buildWorld.ts seeds it): the ticket-guarded Jump Item and a short outbound retry. */
export function seedSandboxExtras(pra: PraSimulator): void {
  const guarded = pra.listJumpItems().find((item) => item.name === TICKET_REQUIRED_JUMP_ITEM);
  if (guarded) pra.updateJumpItem(guarded.id, { ticketIdRequired: true });
  pra.setKnobs({ outboundRetryIntervalMs: SANDBOX_OUTBOUND_RETRY_MS });
}

const asAdmin = (host: ForgeHost, functionKey: string, payload: Record<string, unknown> = {}) =>
  host.invokeResolver({ moduleKey: CONFIG_PAGE_MODULE, functionKey, payload, accountId: DEMO.users.admin }) as Promise<ConfigAnswer>;

function urlsOf(answer: ConfigAnswer): IntegrationUrls | null {
  const urls = answer.view?.urls;
  return urls ? { ...urls, customLinkUrl: answer.view?.customLinkUrl ?? null } : null;
}

/**
 * Who has already allowed the app (the *Allow access* prompt): everyone seeded except Casey Nguyen, so the
 * sandbox shows the prompt the first time Casey opens the Jump dialog or the ticket panel.
 */
export const USERS_WITHOUT_CONSENT: readonly string[] = [DEMO.users.technician2];

/** Saves the seeded configuration as the Jira admin and points PRA at the URLs it shows. */
export async function configureApp(host: ForgeHost, pra: PraSimulator): Promise<{ urls: IntegrationUrls; validation: string }> {
  const answer = await asAdmin(host, 'saveConfiguration', { settings: SANDBOX_SETTINGS, clientSecret: PRA_DEMO.account.clientSecret });
  const urls = urlsOf(answer);
  if (!answer.ok || !urls) throw new Error(`The app refused the sandbox configuration: ${answer.error?.message ?? JSON.stringify(answer)}`);
  pointPraAtApp(pra, urls);
  return { urls, validation: `${answer.view?.validation?.status}: ${answer.view?.validation?.message}` };
}

/** The app's URLs as its configuration page shows them to the admin (null before the first save). */
export async function integrationUrls(host: ForgeHost): Promise<IntegrationUrls | null> {
  return urlsOf(await asAdmin(host, 'getConfiguration'));
}

/** Management > Outbound Events (Access Session End) and Jump > Jump Policies > Ticket System URL. */
export function pointPraAtApp(pra: PraSimulator, urls: IntegrationUrls): void {
  const recipient = pra.listRecipients().find((r) => r.id === OUTBOUND_RECIPIENT_ID);
  if (!recipient) {
    pra.addRecipient({ id: OUTBOUND_RECIPIENT_ID, name: 'Jira Session End', url: urls.outboundEventUrl, events: ['support_conference_end'] });
  } else if (recipient.url !== urls.outboundEventUrl) {
    pra.updateRecipient(OUTBOUND_RECIPIENT_ID, { url: urls.outboundEventUrl });
  }
  if (pra.state.ticketSystem.url !== urls.endpointApprovalUrl) pra.configureTicketSystem({ url: urls.endpointApprovalUrl });
}

/**
 * After a restart on another port (or public URL) the app's URLs keep their ids and tokens but change
 * origin: PRA settings that still name the old origin of the same URL are moved to the new one. Settings an
 * admin pointed elsewhere are left alone.
 */
export function followMovedUrls(pra: PraSimulator, urls: IntegrationUrls): void {
  const samePathElsewhere = (current: string | null | undefined, wanted: string) => {
    if (!current || current === wanted) return false;
    const a = new URL(current);
    const b = new URL(wanted);
    return a.pathname === b.pathname && a.search === b.search;
  };
  const recipient = pra.listRecipients().find((r) => r.id === OUTBOUND_RECIPIENT_ID);
  if (recipient && samePathElsewhere(recipient.url, urls.outboundEventUrl)) pra.updateRecipient(OUTBOUND_RECIPIENT_ID, { url: urls.outboundEventUrl });
  if (samePathElsewhere(pra.state.ticketSystem.url, urls.endpointApprovalUrl)) pra.configureTicketSystem({ url: urls.endpointApprovalUrl });
}
