/**
 * The whole integration on one machine: the PRA and Jira simulators and the local Forge host running
 * the app, wired together (the appliance host name maps to the PRA simulator; requestJira goes to the
 * Jira simulator), built by `buildWorld` like the sandbox's world. Tests start one per file; `npm start`
 * serves the same world on one port (sandbox/server/world.ts).
 */
import './forge-host/globals';
import { listenHost, type ForgeHost, type ForgeHostOptions } from './forge-host';
import type { PraSimulator } from './pra-simulator';
import type { JiraSimulator } from './jira-simulator';
import { DEMO } from './jira-simulator/seed';
import { listen, type Listening } from './shared/http';
import { PRA_DEMO } from './demo/praSeed';
import { buildWorld, type BuiltWorld } from './buildWorld';

export const CONFIG_PAGE_MODULE = 'pra-config-page';

export interface ComposeOptions {
  /** Seed the demo data into both simulators (default true). */
  seed?: boolean;
  host?: Partial<ForgeHostOptions>;
  siteUrl?: string;
}

export interface Composition {
  host: ForgeHost;
  pra: PraSimulator;
  jira: JiraSimulator;
  hostUrl: string;
  praUrl: string;
  jiraUrl: string;
  /** Saves the configuration as the Jira admin, then points the PRA simulator at the app's URLs. */
  configure(settings?: Record<string, unknown>, clientSecret?: string): Promise<ConfigureResult>;
  /** Invokes a resolver of the configuration page as a user (the Jira admin by default). */
  configCall(functionKey: string, payload?: Record<string, unknown>, accountId?: string): Promise<any>;
  close(): Promise<void>;
}

export interface ConfigureResult {
  ok: boolean;
  view?: {
    validation: { status: string; message: string; details?: string[] };
    urls: { outboundEventUrl: string; endpointApprovalUrl: string } | null;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export const DEMO_SETTINGS = {
  enabled: true,
  hostName: PRA_DEMO.host,
  clientId: PRA_DEMO.account.clientId,
  assetFieldName: 'Asset Name',
  useWebConsole: true,
  autoAssociateUser: false,
  excludedEventTypes: [] as string[],
  attachRecordings: false,
  recordingMaxMb: 10,
  requireAssetMatch: true,
  commentOnApproval: false,
};

export async function compose(options: ComposeOptions = {}): Promise<Composition> {
  const siteUrl = options.siteUrl ?? 'https://sandbox.atlassian.net';
  // Each simulator on its own loopback port; the listeners exist before the world so the host knows where
  // to reach them, and forward to the simulators built with it.
  let world: BuiltWorld | undefined;
  const [praListening, jiraListening]: Listening[] = await Promise.all([
    listen((req, res) => world!.pra.handler(req, res)),
    listen((req, res) => world!.jira.handler(req, res)),
  ]);
  // The seeded people have all allowed the app already (tests revoke it to see the "Allow access" path).
  world = buildWorld({
    siteUrl,
    reach: { praUrl: praListening!.url, jiraUrl: jiraListening!.url },
    host: options.host,
    seed: options.seed !== false,
  });
  const { host, pra, jira } = world;
  const hostListening = await listenHost(host);

  const configCall = (functionKey: string, payload: Record<string, unknown> = {}, accountId: string = DEMO.users.admin) =>
    host.invokeResolver({ moduleKey: CONFIG_PAGE_MODULE, functionKey, payload, accountId }) as Promise<any>;

  return {
    host,
    pra,
    jira,
    hostUrl: hostListening.url,
    praUrl: praListening!.url,
    jiraUrl: jiraListening!.url,
    configCall,
    async configure(settings = {}, clientSecret = PRA_DEMO.account.clientSecret) {
      const result = (await configCall('saveConfiguration', { settings: { ...DEMO_SETTINGS, ...settings }, clientSecret })) as ConfigureResult;
      const urls = result.view?.urls;
      if (urls) {
        for (const r of pra.listRecipients()) pra.removeRecipient(r.id);
        pra.addRecipient({ id: 'jira', name: 'Jira Session End', url: urls.outboundEventUrl, events: ['support_conference_end'] });
        pra.configureTicketSystem({ url: urls.endpointApprovalUrl });
      }
      return result;
    },
    async close() {
      await host.close();
      await hostListening.close();
      await pra.close();
      await jira.close();
      await praListening!.close();
      await jiraListening!.close();
    },
  };
}
