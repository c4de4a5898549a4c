/**
 * A stateful Jira Cloud simulator (REST v3 subset, JSM Assets, rate limiting) with a control API
 * under `/__sim/`. See docs/jira-simulator.md for the contract.
 */
import { createHandler, FaultInjector, listen, Router, type Listening, type NodeHandler } from '../shared/http';
import { registerAssetRoutes } from './assets';
import { registerAttachmentRoutes } from './attachments';
import { describePrincipal } from './auth';
import { registerCommentRoutes } from './comments';
import { JiraControl } from './control';
import { CONTROL_PREFIX, registerControlRoutes } from './controlRoutes';
import { registerFieldRoutes } from './fields';
import { registerInstanceRoutes } from './instance';
import { registerIssueRoutes } from './issues';
import { registerPermissionRoutes } from './permissions';
import { registerPropertyRoutes } from './properties';
import { JiraState } from './state';
import { registerUserRoutes } from './users';

export { DEMO, type SeedSummary } from './seed';
export type { AttachmentContent, IssueView, JiraControl, ProjectView } from './control';
export type {
  AppAssetsRoleInput,
  AssetObjectInput,
  AssetObjectTypeInput,
  AssetSchemaInput,
  FieldInput,
  IssueInput,
  IssuePatch,
  IssueTypeInput,
  KnobsPatch,
  ProjectInput,
  RateLimitFaultInput,
  ResolutionInput,
  StatusInput,
  UserInput,
  UserPatch,
} from './controlInputs';
export type { RequestCounters, RequestLogEntry } from './requestLog';
export type { JiraSnapshot } from './snapshot';
export type { AssetObjectType, AssetSchema, AssetsRole, CustomField, IssueType, Knobs, Resolution, Status, User } from './state';
export { JiraState } from './state';

export interface JiraSimulatorOptions {
  /** Base of every `self` link; default 'https://sandbox.atlassian.net'. */
  siteUrl?: string;
  cloudId?: string;
  /** Clock (epoch ms) for timestamps and the per-issue write limiter; default Date.now. */
  now?: () => number;
}

export interface JiraSimulator extends JiraControl {
  /** Mountable under a prefix: pass the path without the prefix as the third argument. */
  handler: NodeHandler;
  state: JiraState;
  faults: FaultInjector;
  siteUrl: string;
  /** Listens on 127.0.0.1 (port 0 = any free port). */
  listen(port?: number): Promise<Listening>;
  /** Closes every server started by `listen`. */
  close(): Promise<void>;
}

const DEFAULT_SITE_URL = 'https://sandbox.atlassian.net';
const DEFAULT_CLOUD_ID = 'a7c1e3f5-0b2d-4c6e-8f1a-3b5d7e9f1c2a';

class Simulator extends JiraControl implements JiraSimulator {
  readonly handler: NodeHandler;
  readonly siteUrl: string;
  private readonly servers: Listening[] = [];

  constructor(options: JiraSimulatorOptions) {
    const state = new JiraState({
      siteUrl: options.siteUrl ?? DEFAULT_SITE_URL,
      cloudId: options.cloudId ?? DEFAULT_CLOUD_ID,
      now: options.now ?? Date.now,
    });
    super(state, new FaultInjector());
    this.siteUrl = state.siteUrl;
    const router = new Router();
    registerControlRoutes(router, this);
    for (const register of [
      registerInstanceRoutes,
      registerUserRoutes,
      registerPermissionRoutes,
      registerFieldRoutes,
      registerIssueRoutes,
      registerCommentRoutes,
      registerAttachmentRoutes,
      registerPropertyRoutes,
      registerAssetRoutes,
    ]) {
      register(router, state);
    }
    this.handler = createHandler({
      router,
      faults: this.faults,
      controlPrefix: CONTROL_PREFIX,
      onRequest: (req, res) => {
        if (req.path.startsWith(CONTROL_PREFIX)) return;
        state.requestLog.record({
          time: state.now(),
          method: req.method,
          path: req.path,
          query: req.query.toString(),
          principal: describePrincipal(req, state),
          status: res.status,
        });
      },
    });
  }

  async listen(port = 0): Promise<Listening> {
    const listening = await listen(this.handler, port);
    this.servers.push(listening);
    return listening;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((s) => s.close()));
  }
}

export function createJiraSimulator(options: JiraSimulatorOptions = {}): JiraSimulator {
  return new Simulator(options);
}
