/**
 * One sandbox "world": the PRA and Jira simulators and the local Forge host running the app, wired for
 * the single-port server (the app reaches `https://pra.example.com` at `<internal>/pra` and Jira at
 * `<internal>/jira`; web-trigger URLs are `<public>/forge/public/<id>`). With a database file the host's
 * KVS, queue and web-trigger URLs and the simulators' snapshots live in it, so a restart carries on; the
 * first start seeds and configures everything.
 */
import '../forge-host/globals';
import { ForgeHost, createHostHandler } from '../forge-host';
import type { NodeHandler } from '../shared/http';
import { createPraSimulator, type PraSimulator } from '../pra-simulator';
import { createJiraSimulator, type JiraSimulator } from '../jira-simulator';
import { PRA_DEMO } from '../demo/praSeed';
import { configureApp, followMovedUrls, integrationUrls, seedSimulators, type IntegrationUrls } from './demoSetup';
import { DebouncedSave, SimulatorStore } from './persistence';
import { ScheduledTriggers } from './scheduler';

export const SITE_URL = 'https://sandbox.atlassian.net';

export interface WorldOptions {
  /** Where the app's own requests reach this server (loopback), e.g. http://127.0.0.1:8080. */
  internalUrl: string;
  /** Where browsers reach it, e.g. http://localhost:8080 (web-trigger URLs are built on it). */
  publicUrl: string;
  /** SQLite file; omitted = everything in memory (the demo, tests). */
  databaseFile?: string;
  /** Multiplies the Forge queue's delays (retry backoff); the sandbox default keeps retries short. */
  queueDelayScale?: number;
  /** Print the app's log lines (always kept in `host.logs`). */
  printLogs?: boolean;
}

export const DEFAULT_QUEUE_DELAY_SCALE = 0.05;

export class SandboxWorld {
  readonly host: ForgeHost;
  readonly pra: PraSimulator;
  readonly jira: JiraSimulator;
  readonly hostHandler: NodeHandler;
  readonly scheduled: ScheduledTriggers;
  /** No saved state was found: the world was seeded (and is configured by `initialise`). */
  readonly firstStart: boolean;
  private readonly store: SimulatorStore | undefined;
  private readonly autosave: DebouncedSave | undefined;
  private closed = false;

  /** Synchronous on purpose: the host's queue may resume saved events at once, and they must find the simulators. */
  constructor(readonly options: WorldOptions) {
    const internal = options.internalUrl.replace(/\/$/, '');
    this.host = new ForgeHost({
      databaseFile: options.databaseFile,
      jiraBaseUrl: `${internal}/jira`,
      siteUrl: SITE_URL,
      hostMap: { [PRA_DEMO.host]: `${internal}/pra` },
      queueDelayScale: options.queueDelayScale ?? DEFAULT_QUEUE_DELAY_SCALE,
      printLogs: options.printLogs,
    });
    this.host.setPublicUrl(`${options.publicUrl.replace(/\/$/, '')}/forge`);
    this.hostHandler = createHostHandler(this.host, '/forge');
    this.scheduled = new ScheduledTriggers(this.host);

    if (options.databaseFile) {
      this.store = new SimulatorStore(this.host.database.db);
      this.autosave = new DebouncedSave(() => this.save());
    }
    const saved = this.store?.load() ?? {};
    this.pra = createPraSimulator({ publicHost: PRA_DEMO.host, applianceId: saved.pra?.applianceId });
    this.jira = createJiraSimulator({ siteUrl: SITE_URL });
    this.firstStart = !saved.pra || !saved.jira;
    if (saved.pra && saved.jira) {
      this.pra.importState(saved.pra);
      this.jira.importState(saved.jira);
      // The app's clock follows the simulators' saved offset (POST /sandbox/api/clock moves all three).
      this.host.clockOffsetMs = this.jira.getKnobs().clockOffsetMs;
    } else {
      seedSimulators(this.pra, this.jira);
    }
  }

  /**
   * Needs the server to route to this world (the app calls the simulators over HTTP): configures the app
   * on a first start, otherwise moves PRA's settings along if the sandbox's address changed.
   */
  async initialise(): Promise<{ urls: IntegrationUrls | null; validation?: string }> {
    let result: { urls: IntegrationUrls | null; validation?: string };
    if (this.firstStart) {
      result = await configureApp(this.host, this.pra);
    } else {
      const urls = await integrationUrls(this.host);
      if (urls) followMovedUrls(this.pra, urls);
      result = { urls };
    }
    this.scheduled.start();
    this.save();
    return result;
  }

  urls(): Promise<IntegrationUrls | null> {
    return integrationUrls(this.host);
  }

  /** Something may have changed: save soon (no-op without a database file). */
  markDirty(): void {
    if (!this.closed) this.autosave?.markDirty();
  }

  save(): void {
    if (this.closed || !this.store) return;
    this.store.save({ pra: this.pra.exportState(), jira: this.jira.exportState() });
  }

  /** Stops timers and deliveries, saves (unless `discard`), closes the database. */
  async close(options: { discard?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.scheduled.stop();
    await this.pra.close();
    await this.host.queue.stop();
    this.autosave?.cancel();
    if (!options.discard) this.save();
    this.closed = true;
    await this.host.close();
  }
}
