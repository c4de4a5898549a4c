/** The `/__sim/` control API over HTTP: JSON in, JSON out, every route delegating to JiraControl. */
import type { FaultRule, Router, SimRequest } from '../shared/http';
import { json } from '../shared/http';
import type { JiraControl } from './control';

export const CONTROL_PREFIX = '/__sim/';

const sinceParam = (req: SimRequest) => Number.parseInt(req.query.get('since') ?? '0', 10) || 0;

export function registerControlRoutes(router: Router, control: JiraControl): void {
  const p = (path: string) => `${CONTROL_PREFIX}${path}`;
  const body = <T>(req: SimRequest) => (req.json<T>() ?? {}) as T;

  router.post(p('reset'), () => {
    control.reset();
    return json(200, { ok: true });
  });
  router.post(p('seed'), () => json(200, control.seedDemo()));

  router.post(p('users'), (req) => json(201, control.createUser(body(req))));
  router.get(p('users/:accountId'), (req) => json(200, control.getUser(req.params.accountId!)));
  router.on('PATCH', p('users/:accountId'), (req) => json(200, control.updateUser(req.params.accountId!, body(req))));
  router.delete(p('users/:accountId'), (req) => {
    control.deleteUser(req.params.accountId!);
    return { status: 204 };
  });

  router.post(p('projects'), (req) => json(201, control.createProject(body(req))));
  router.post(p('issuetypes'), (req) => json(201, control.createIssueType(body(req))));
  router.post(p('statuses'), (req) => json(201, control.createStatus(body(req))));
  router.on('PATCH', p('statuses/:id'), (req) => json(200, control.updateStatus(req.params.id!, body(req))));
  router.post(p('resolutions'), (req) => json(201, control.createResolution(body(req))));
  router.post(p('fields'), (req) => json(201, control.createField(body(req))));

  router.post(p('issues'), (req) => json(201, control.createIssue(body(req))));
  router.get(p('issues/:key'), (req) => json(200, control.getIssue(req.params.key!)));
  router.on('PATCH', p('issues/:key'), (req) => json(200, control.updateIssue(req.params.key!, body(req))));
  router.delete(p('issues/:key'), (req) => {
    control.deleteIssue(req.params.key!);
    return { status: 204 };
  });

  router.get(p('attachments/:id/content'), (req) => {
    const content = control.attachmentContent(req.params.id!);
    return { status: 200, headers: { 'Content-Type': content.mimeType }, body: content.data };
  });

  router.post(p('assets/schemas'), (req) => json(201, control.createAssetSchema(body(req))));
  router.post(p('assets/objecttypes'), (req) => json(201, control.createAssetObjectType(body(req))));
  router.post(p('assets/objects'), (req) => json(201, control.createAssetObject(body(req))));
  router.get(p('assets/app-role'), () => json(200, control.getAppAssetsRole()));
  router.put(p('assets/app-role'), (req) => json(200, control.setAppAssetsRole(body(req))));
  router.delete(p('assets/objects/:id'), (req) => {
    control.deleteAssetObject(req.params.id!);
    return { status: 204 };
  });
  router.put(p('assets/workspace'), (req) => json(200, control.setAssetsWorkspace(body(req))));

  router.get(p('knobs'), () => json(200, control.getKnobs()));
  router.on('PATCH', p('knobs'), (req) => json(200, control.setKnobs(body(req))));

  router.get(p('clock'), () => json(200, control.clock()));
  router.post(p('clock/advance'), (req) => json(200, { now: control.advanceClock(body<{ ms: number }>(req).ms) }));

  router.get(p('faults'), () => json(200, control.listFaults()));
  router.post(p('faults'), (req) => json(201, control.addFault(body<FaultRule>(req))));
  router.post(p('faults/rate-limit'), (req) => json(201, control.addRateLimitFault(body(req))));
  router.put(p('faults/latency'), (req) => {
    control.setLatency(body<{ latencyMs: number }>(req).latencyMs);
    return json(200, { latencyMs: control.listFaults().latencyMs });
  });
  router.delete(p('faults'), () => {
    control.clearFaults();
    return { status: 204 };
  });

  router.get(p('requests'), (req) => json(200, control.requests(sinceParam(req))));
  router.get(p('requests/counters'), (req) => json(200, control.requestCounters(sinceParam(req))));
  router.delete(p('requests'), () => {
    control.clearRequests();
    return { status: 204 };
  });
}
