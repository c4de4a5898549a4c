/**
 * One sandbox "world": the PRA and Jira simulators and the local Forge host running the app, wired for
 * the single-port server (the app reaches `https://pra.example.com` at `<internal>/pra` and Jira at
 * `<internal>/jira`; web-trigger URLs are `<public>/forge/public/<id>`). With a database file the host's
 * KVS, queue and web-trigger URLs and the simulators' snapshots live in it, so a restart carries on; the
 * first start seeds and configures everything. Built by `buildWorld` (sandbox/buildWorld.ts), like the tests'
 * composition; the sandbox's differences (persistence, seed extras, who has allowed the app, the
 * reconciliation lag, the clock following the saved simulators) are its options.
 */
import '../forge-host/globals';
import { createHostHandler, type ForgeHost } from '../forge-host';
import type { NodeHandler } from '../shared/http';
import type { PraSimulator, PraSnapshot } from '../pra-simulator';
import type { JiraSimulator, JiraSnapshot } from '../jira-simulator';
import { buildWorld, type SavedSimulators } from '../buildWorld';
import { configureApp, followMovedUrls, integrationUrls, seedSandboxExtras, USERS_WITHOUT_CONSENT, type IntegrationUrls } from './demoSetup';
import { SimulatorStore, type SaveFigures, type SavedRows } from './persistence';
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
  /** The app's `RECONCILE_LAG_SECONDS` variable: the reconciliation's window ends this long before a pass. */
  reconcileLagSeconds?: number;
}

export const DEFAULT_QUEUE_DELAY_SCALE = 0.05;
/** A session that ended this long ago is found by "Run reconcile-sessions now" (the app's default is 300 s). */
export const DEFAULT_RECONCILE_LAG_SECONDS = 5;

/** The whole snapshot saved by an earlier version of the sandbox, if that is what was loaded. */
function legacySnapshot(saved: SavedRows | undefined): unknown {
  return saved?.meta.legacySnapshot;
}

/** Both simulators' saved state in the store (rows, or an earlier version's whole snapshot); none = a first start. */
function savedSimulators(store: SimulatorStore | undefined): SavedSimulators | undefined {
  const savedPra = store?.load('pra');
  const savedJira = store?.load('jira');
  if (!store || !savedPra || !savedJira) return undefined;
  const legacyPra = legacySnapshot(savedPra) as PraSnapshot | undefined;
  return {
    praApplianceId: (legacyPra?.applianceId ?? savedPra.meta.applianceId) as string | undefined,
    restore(pra, jira) {
      pra.importState(legacyPra ?? pra.joinRows(savedPra.meta, savedPra.rows));
      jira.importState((legacySnapshot(savedJira) as JiraSnapshot | undefined) ?? jira.joinRows(savedJira.meta, savedJira.rows));
      store.adopt('pra', pra.exportRows(), !legacyPra);
      store.adopt('jira', jira.exportRows(), !legacySnapshot(savedJira));
    },
  };
}

export class SandboxWorld {
  readonly host: ForgeHost;
  readonly pra: PraSimulator;
  readonly jira: JiraSimulator;
  readonly hostHandler: NodeHandler;
  readonly scheduled: ScheduledTriggers;
  /** No saved state was found: the world was seeded (and is configured by `initialise`). */
  readonly firstStart: boolean;
  private readonly store: SimulatorStore | undefined;
  private readonly backgroundSaves: NodeJS.Timeout | undefined;
  private saveSoon: NodeJS.Immediate | undefined;
  /** Figures of the last save that wrote something (rows written and deleted, bytes, time). */
  lastSave: (SaveFigures & { at: number; ms: number }) | undefined;
  private closed = false;

  /** Synchronous on purpose: the host's queue may resume saved events at once, and they must find the simulators. */
  constructor(readonly options: WorldOptions) {
    const internal = options.internalUrl.replace(/\/$/, '');
    let store: SimulatorStore | undefined;
    const world = buildWorld({
      siteUrl: SITE_URL,
      reach: { praUrl: `${internal}/pra`, jiraUrl: `${internal}/jira` },
      host: { databaseFile: options.databaseFile, queueDelayScale: options.queueDelayScale ?? DEFAULT_QUEUE_DELAY_SCALE, printLogs: options.printLogs },
      reconcileLagSeconds: options.reconcileLagSeconds ?? DEFAULT_RECONCILE_LAG_SECONDS,
      // Persistence: the simulators' rows live in the host's database file, next to its KVS and queue.
      loadSaved: (host) => {
        store = options.databaseFile ? new SimulatorStore(host.database.db) : undefined;
        return savedSimulators(store);
      },
      seedExtras: (pra) => seedSandboxExtras(pra),
      usersWithoutConsent: USERS_WITHOUT_CONSENT,
      followSavedClock: true,
    });
    this.host = world.host;
    this.pra = world.pra;
    this.jira = world.jira;
    this.store = store;
    this.firstStart = !world.restored;
    this.host.setPublicUrl(`${options.publicUrl.replace(/\/$/, '')}/forge`);
    this.hostHandler = createHostHandler(this.host, '/forge');
    this.scheduled = new ScheduledTriggers(this.host);
    if (this.store) {
      // Simulator requests are saved before they are answered (`persist`); this catches what changes in the
      // background (PRA's outbound deliveries, clock-driven report lag).
      this.backgroundSaves = setInterval(() => this.persist(), 200);
      this.backgroundSaves.unref();
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
    this.persist();
    return result;
  }

  urls(): Promise<IntegrationUrls | null> {
    return integrationUrls(this.host);
  }

  /** Something may have changed outside a simulator request: save on the next turn of the event loop. */
  markDirty(): void {
    if (this.closed || !this.store || this.saveSoon) return;
    this.saveSoon = setImmediate(() => {
      this.saveSoon = undefined;
      this.persist();
    });
  }

  /**
   * Writes every simulator change since the last save to the database, in one transaction (no-op without a
   * database file). The server calls it before each simulator answer leaves, so an acknowledged write
   * survives a crash.
   */
  persist(): SaveFigures | undefined {
    if (this.closed || !this.store) return undefined;
    const started = performance.now();
    const figures = this.store.save({ pra: this.pra.exportRows(), jira: this.jira.exportRows() });
    if (figures.rowsWritten + figures.rowsDeleted > 0) this.lastSave = { ...figures, at: Date.now(), ms: performance.now() - started };
    return figures;
  }

  /** Stops timers and deliveries, saves (unless `discard`), closes the database. */
  async close(options: { discard?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.scheduled.stop();
    await this.pra.close();
    await this.host.queue.stop();
    if (this.backgroundSaves) clearInterval(this.backgroundSaves);
    if (this.saveSoon) clearImmediate(this.saveSoon);
    if (!options.discard) this.persist();
    this.closed = true;
    await this.host.close();
  }
}
