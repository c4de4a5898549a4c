/**
 * The one way a world is built: the local Forge host running the app, the PRA and Jira simulators, and
 * either their saved state or the demo seed (with the people who have allowed the app). The tests'
 * composition (`sandbox/compose.ts`) and the sandbox server (`sandbox/server/world.ts`) both call it; what
 * differs between them is an option here, never a second copy of the wiring.
 *
 * Synchronous on purpose: the sandbox's host may resume saved queue events at once, and they must find the
 * simulators. Where the host reaches the simulators (`reach`) is known before it is built: their own loopback
 * listeners (tests) or the sandbox's mount points on its single port (`npm start`).
 */
import './forge-host/globals';
import { ForgeHost, type ForgeHostOptions } from './forge-host';
import { createPraSimulator, type PraSimulator } from './pra-simulator';
import { createJiraSimulator, type JiraSimulator } from './jira-simulator';
import { DEMO } from './jira-simulator/seed';
import { PRA_DEMO, seedPraDemo } from './demo/praSeed';

/** Saved simulator state found for this world (persistence), restored instead of seeding. */
export interface SavedSimulators {
  /** The appliance id the PRA simulator is created with (the saved one). */
  praApplianceId?: string;
  /** Loads the saved state into the freshly created simulators. */
  restore(pra: PraSimulator, jira: JiraSimulator): void;
}

export interface BuildWorldOptions {
  /** The Jira site as users see it. */
  siteUrl: string;
  /** Where the app's requests reach the simulators: Jira's base URL and the base URL behind PRA's host name. */
  reach: { praUrl: string; jiraUrl: string };
  /** More host options (persistence: `databaseFile`; `queueDelayScale`, `printLogs`, …); they win over the wiring. */
  host?: Partial<ForgeHostOptions>;
  /** The app's `RECONCILE_LAG_SECONDS` variable; omitted = not set (the app's default). */
  reconcileLagSeconds?: number;
  /**
   * Persistence: given the built host (its database), the saved simulators, or undefined for a fresh world.
   * Omitted = always fresh.
   */
  loadSaved?: (host: ForgeHost) => SavedSimulators | undefined;
  /** A fresh world is seeded with the demo data (Jira's DEMO, PRA_DEMO); default true. */
  seed?: boolean;
  /** Run after the demo seed (the sandbox's extras: a ticket-guarded Jump Item, a short outbound retry). */
  seedExtras?: (pra: PraSimulator, jira: JiraSimulator) => void;
  /** Seeded people who have not allowed the app yet (everyone else seeded has); default none. */
  usersWithoutConsent?: readonly string[];
  /** On a restored world, the app's clock takes the simulators' saved offset (default false). */
  followSavedClock?: boolean;
}

export interface BuiltWorld {
  host: ForgeHost;
  pra: PraSimulator;
  jira: JiraSimulator;
  /** Saved state was restored (false: a fresh world, seeded unless `seed: false`). */
  restored: boolean;
}

export function buildWorld(options: BuildWorldOptions): BuiltWorld {
  const host = new ForgeHost({
    jiraBaseUrl: options.reach.jiraUrl,
    siteUrl: options.siteUrl,
    hostMap: { [PRA_DEMO.host]: options.reach.praUrl },
    ...(options.reconcileLagSeconds === undefined ? {} : { variables: { RECONCILE_LAG_SECONDS: String(options.reconcileLagSeconds) } }),
    ...options.host,
  });
  const saved = options.loadSaved?.(host);
  const pra = createPraSimulator({ publicHost: PRA_DEMO.host, applianceId: saved?.praApplianceId });
  const jira = createJiraSimulator({ siteUrl: options.siteUrl });
  if (saved) {
    saved.restore(pra, jira);
    // The app's clock follows the simulators' saved offset (the sandbox's clock call moves all three).
    if (options.followSavedClock) host.clockOffsetMs = jira.getKnobs().clockOffsetMs;
  } else if (options.seed !== false) {
    jira.seedDemo();
    seedPraDemo(pra);
    options.seedExtras?.(pra, jira);
    const without = options.usersWithoutConsent ?? [];
    for (const accountId of Object.values(DEMO.users)) if (!without.includes(accountId)) host.userConsent.grant(accountId);
  }
  return { host, pra, jira, restored: saved !== undefined };
}
