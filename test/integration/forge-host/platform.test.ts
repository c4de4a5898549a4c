/**
 * The local Forge host's platform services as a Forge app sees them through the real SDK packages:
 * queue delivery and retries, web triggers over HTTP, Jira forwarding per principal, egress rules,
 * invocation isolation and time limits, Custom UI resources with the bridge, and captured logs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startHostFixture, type HostFixture } from './hostFixture';

let fx: HostFixture;
const call = (functionKey: string, payload: Record<string, unknown> = {}, accountId = 'user-a') =>
  fx.host.invokeResolver({ moduleKey: 'probe-page', functionKey, payload, accountId }) as Promise<any>;
const get = async (key: string) => (await call('kvs', { op: 'get', key })).value;

beforeAll(async () => {
  fx = await startHostFixture();
});
afterAll(() => fx.close());

describe('queue: @forge/events push and consumer delivery', () => {
  it('delivers a pushed event to the consumer with body, ids and queue name', async () => {
    const pushed = await call('push', { body: { id: 'ok-1', mode: 'ok' } });
    await fx.host.queue.idle();
    const delivery = await get('delivery:ok-1:0');
    expect(delivery).toMatchObject({ jobId: pushed.value.jobId, queueName: 'work', retryContext: null });
    expect(delivery.eventId).toMatch(/[0-9a-f-]{36}/);
    expect((await call('jobStats', { jobId: pushed.value.jobId })).value).toEqual({ success: 1, inProgress: 0, failed: 0 });
  });

  it('retries a consumer that throws, with retryContext.retryCount', async () => {
    await call('push', { body: { id: 'throw-1', mode: 'throw-once' } });
    await fx.host.queue.idle();
    const retry = await get('delivery:throw-1:1');
    expect(retry.retryContext).toMatchObject({ retryCount: 1, retryReason: 'FUNCTION_ERROR' });
    expect(retry.retryContext.retentionWindow.remainingTimeMs).toBeGreaterThan(0);
    expect(await get('delivery:throw-1:2')).toBeUndefined();
  });

  it('honours a returned InvocationError: retryAfter, reason and retryData', async () => {
    const started = Date.now();
    await call('push', { body: { id: 'retry-1', mode: 'retry-twice' } });
    await fx.host.queue.idle();
    const second = await get('delivery:retry-1:2');
    expect(second.retryContext).toMatchObject({ retryCount: 2, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { attempt: 2 } });
    // two retries of 30 s each at the test's 1/1000 time scale
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
  });

  it('drops an event whose retries run past the 24-hour retention window', async () => {
    await call('push', { body: { id: 'doomed', mode: 'always-throw' } });
    fx.clock.offsetMs += 25 * 3600 * 1000;
    await fx.host.queue.idle();
    const event = fx.host.queue.list().find((e) => e.body.id === 'doomed');
    expect(event?.state).toBe('dropped');
  });

  it('refuses a push to a queue without a consumer', async () => {
    const reply = fx.host.queue.handle('/webhook/queue/publish/x/y/z/1', { queueName: 'nope', jobId: 'j', payload: [{ body: {} }] });
    expect(reply.status).toBe(400);
  });
});

describe('web triggers over HTTP', () => {
  it('keeps a URL per module, mints a new one on forceCreate, and deletes on request', async () => {
    const first = (await call('webTriggerUrl')).value as string;
    expect(first).toMatch(new RegExp(`^${fx.hostUrl}/public/[0-9a-f-]{36}$`));
    expect((await call('webTriggerUrl')).value).toBe(first);
    const second = (await call('webTriggerUrl', { forceCreate: true })).value as string;
    expect(second).not.toBe(first);
    expect((await fetch(first, { method: 'POST', body: 'x' })).status).toBe(201);
    await call('webTriggerUrl', { deleteUrl: first });
    expect((await fetch(first, { method: 'POST', body: 'x' })).status).toBe(404);
    expect((await fetch(second, { method: 'POST', body: 'x' })).status).toBe(201);
  });

  it('hands the function a Forge-shaped request and returns its response', async () => {
    const url = (await call('webTriggerUrl')).value as string;
    const res = await fetch(`${url}/extra/path?token=abc&a=1&a=2`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Custom-Header': 'v' },
      body: 'event=support_conference_end&lsid=abc',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo')).toBe('yes');
    const { request, context } = await res.json();
    expect(request.method).toBe('POST');
    expect(request.body).toBe('event=support_conference_end&lsid=abc');
    expect(request.headers['Content-Type']).toEqual(['application/x-www-form-urlencoded']);
    expect(request.headers['X-Custom-Header']).toEqual(['v']);
    expect(request.queryParameters).toEqual({ token: ['abc'], a: ['1', '2'] });
    expect(request.userPath).toBe('/extra/path');
    expect(context.installContext).toBe(fx.host.installContext);
  });

  it('answers 500 when the function returns a malformed response, and 413 past 5 MB', async () => {
    const url = (await call('webTriggerUrl')).value as string;
    expect((await fetch(`${url}?malformed=1`, { method: 'POST', body: 'x' })).status).toBe(500);
    expect((await fetch(url, { method: 'POST', body: 'x'.repeat(5 * 1024 * 1024 + 1) })).status).toBe(413);
  });

  it('gives asUser() nothing to act as inside a web trigger', async () => {
    const url = (await call('webTriggerUrl')).value as string;
    const body = await (await fetch(`${url}?asUser=1`, { method: 'POST', body: '' })).json();
    // @forge/api raises ProxyRequestError, whose name is PROXY_ERR
    expect(body.asUser).toMatchObject({ name: 'PROXY_ERR' });
  });
});

describe('Jira forwarding', () => {
  beforeAll(() => {
    for (const user of ['user-42', 'u1', 'u2', 'u3', 'u4', 'u5']) fx.host.userConsent.grant(user);
  });

  it('sends asUser requests as the invoking user and asApp requests as the app', async () => {
    const asUser = await call('jira', { as: 'user', path: 'myself' }, 'user-42');
    expect(asUser.value.body.authorization).toBe('Bearer sim-user:user-42');
    const asApp = await call('jira', { as: 'app', path: 'field' }, 'user-42');
    expect(asApp.value.body.authorization).toBe('Bearer sim-app');
    expect(fx.host.jiraCalls.slice(-2).map((c) => c.principal)).toEqual(['sim-user:user-42', 'sim-app']);
  });

  it('keeps concurrent invocations apart (each sees its own principal)', async () => {
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const results = await Promise.all(users.map((u) => call('jira', { as: 'user', path: 'myself' }, u)));
    expect(results.map((r) => r.value.body.authorization)).toEqual(users.map((u) => `Bearer sim-user:${u}`));
  });
});

describe('user consent', () => {
  it("answers a user's asUser() request with the platform's NEEDS_AUTHENTICATION_ERR until they allow the app", async () => {
    const before = fx.host.jiraCalls.length;
    const error = await call('jiraAsUserUncaught', { path: 'myself' }, 'user-new').then(
      () => undefined,
      (e: unknown) => e,
    );
    // The real @forge/api turned the proxy's answer into its own error, and nothing reached Jira.
    expect(error).toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR', message: 'Authentication Required', status: 401, serviceKey: 'atlassian-token-service-key' });
    expect((await call('jira', { as: 'user', path: 'myself' }, 'user-new')).error).toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
    expect(fx.host.jiraCalls.length).toBe(before);
    expect((await call('jira', { as: 'app', path: 'field' }, 'user-new')).value.body.authorization).toBe('Bearer sim-app');

    fx.host.userConsent.grant('user-new');
    expect((await call('jira', { as: 'user', path: 'myself' }, 'user-new')).value.body.authorization).toBe('Bearer sim-user:user-new');
    expect(fx.host.userConsent.revoke('user-new')).toBe(true);
    await expect(call('jiraAsUserUncaught', { path: 'myself' }, 'user-new')).rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
  });

  it('tells the frontend over the bridge to show "Allow access", and POST /__forge/consent allows the app', async () => {
    const bridge = () =>
      fetch(`${fx.hostUrl}/__forge/bridge`, {
        method: 'POST',
        body: JSON.stringify({ cmd: 'invoke', data: { functionKey: 'jiraAsUserUncaught', payload: { path: 'myself' } }, moduleKey: 'probe-page', accountId: 'user-bridge' }),
      }).then((r) => r.json());
    expect(await bridge()).toEqual({
      ok: false,
      error: 'Authentication Required',
      needsAuthentication: { moduleKey: 'probe-page', scopes: fx.host.manifest.scopes },
    });
    const consent = (body: unknown) => fetch(`${fx.hostUrl}/__forge/consent`, { method: 'POST', body: JSON.stringify(body) });
    expect((await consent({})).status).toBe(400);
    expect((await consent({ accountId: 'user-bridge' })).status).toBe(200);
    expect(await bridge()).toMatchObject({ ok: true, result: { status: 200, body: { authorization: 'Bearer sim-user:user-bridge' } } });
  });
});

describe('egress', () => {
  it('lets an allowed https host through to the host it is mapped to', async () => {
    const r = await call('egress', { url: 'https://api.allowed.example/ping' });
    expect(r.allowed).toBe(true);
    expect(r.value.status).toBe(200);
    expect(fx.received.at(-1)).toMatchObject({ url: '/ping', host: 'api.allowed.example' });
  });

  it('answers 403 for a host outside the manifest permissions, and for plain http', async () => {
    const denied = await call('egress', { url: 'https://denied.example.org/ping' });
    expect(denied.allowed).toBe(false);
    expect(denied.value.status).toBe(403);
    expect((await call('egress', { url: 'http://api.allowed.example/ping' })).value.status).toBe(403);
  });

  it('fails an unknown host the way undici does', async () => {
    const r = await call('egress', { url: 'https://nowhere.allowed.example/' });
    expect(r.error).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: 'ENOTFOUND' });
  });
});

describe('invocations', () => {
  it('stops waiting for a function past its time limit', async () => {
    const quick = await startHostFixture({ timeLimitScale: 0.002 }); // resolvers: 50 ms
    try {
      await expect(quick.host.invokeResolver({ moduleKey: 'probe-page', functionKey: 'sleep', payload: { ms: 500 } })).rejects.toThrow(/time limit/);
      const ok = (await quick.host.invokeResolver({ moduleKey: 'probe-page', functionKey: 'sleep', payload: { ms: 1 } })) as { before: number };
      expect(ok.before).toBeGreaterThan(0);
      expect(ok.before).toBeLessThanOrEqual(50);
    } finally {
      await quick.close();
    }
  });

  it("gives the app its environment variables (forge variables set) as process.env, and puts back what was there on close", async () => {
    const value = 'C:\\Temp\\"quoted" & 工单 🚀';
    process.env.PROBE_EXISTING = 'before';
    const withVariables = await startHostFixture({ variables: { PROBE_VARIABLE: value, PROBE_EXISTING: 'during' } });
    try {
      const read = (name: string) => withVariables.host.invokeResolver({ moduleKey: 'probe-page', functionKey: 'variable', payload: { name } }) as Promise<{ value: string | null }>;
      expect(await read('PROBE_VARIABLE')).toEqual({ value });
      expect(await read('PROBE_EXISTING')).toEqual({ value: 'during' });
    } finally {
      await withVariables.close();
    }
    expect(process.env.PROBE_VARIABLE).toBeUndefined();
    expect(process.env.PROBE_EXISTING).toBe('before');
    delete process.env.PROBE_EXISTING;
  });

  it('captures console output per invocation instead of printing it', async () => {
    await call('log', { text: 'hello from the app' });
    const entry = fx.host.logs.at(-1);
    expect(entry).toMatchObject({ functionKey: 'probe-resolver', level: 'log', message: 'probe says hello from the app' });
  });

});

describe('scheduled triggers: what the platform records', () => {
  const answer = (value: unknown) => call('kvs', { op: 'set', key: 'tick:answer', value: { value } });
  const errorLogs = () => fx.host.logs.filter((l) => l.functionKey === 'tick-fn' && l.level === 'error');

  it('runs a scheduled trigger with its request (context, contextToken) and no principal', async () => {
    await answer({ statusCode: 204 });
    await fx.host.runScheduledTrigger('tick');
    const last = await get('tick:last');
    expect(last).toMatchObject({ context: { cloudId: fx.host.cloudId, moduleKey: 'tick' }, invocationContext: { installContext: fx.host.installContext } });
    expect(typeof last.contextToken).toBe('string');
    expect(last.invocationContext).not.toHaveProperty('principal');
  });

  it('records success for { statusCode: 204 }, with or without statusText, body and headers', async () => {
    const before = errorLogs().length;
    await answer({ statusCode: 204 });
    expect(await fx.host.runScheduledTrigger('tick')).toMatchObject({ ok: true, status: 204, moduleKey: 'tick', functionKey: 'tick-fn' });
    await answer({ statusCode: 204, statusText: 'No Content', body: '', headers: { 'Content-Type': ['text/plain'] } });
    expect(await fx.host.runScheduledTrigger('tick')).toMatchObject({ ok: true, status: 204 });
    expect(errorLogs()).toHaveLength(before);
  });

  it('records an error with status 424 when the function returns nothing', async () => {
    await call('kvs', { op: 'delete', key: 'tick:answer' });
    const before = errorLogs().length;
    const run = await fx.host.runScheduledTrigger('tick');
    expect(run).toMatchObject({ ok: false, status: 424 });
    expect(run.error).toContain('returned nothing');
    expect(fx.host.scheduledRuns.at(-1)).toEqual(run);
    expect(errorLogs()).toHaveLength(before + 1);
    expect(errorLogs().at(-1)!.message).toContain('Scheduled trigger "tick" recorded an error (status 424)');
  });

  it.each([
    ['a string status code', { statusCode: '204' }, 'statusCode must be an integer'],
    ['a fractional status code', { statusCode: 204.5 }, 'statusCode must be an integer'],
    ['no status code', { body: 'done' }, 'statusCode must be an integer'],
    ['an object body', { statusCode: 204, body: { done: true } }, 'body must be a string'],
    ['headers that are not arrays', { statusCode: 204, headers: { 'Content-Type': 'text/plain' } }, 'headers must map'],
    ['a bare value', 'done \u{1F600} C:\\temp\\"x"', 'returned a string'],
    ['an array', [{ statusCode: 204 }], 'returned an array'],
  ])('records 424 for %s', async (_name, value, reason) => {
    await answer(value);
    const run = await fx.host.runScheduledTrigger('tick');
    expect(run).toMatchObject({ ok: false, status: 424 });
    expect(run.error).toContain(reason);
  });

  it('records a 5xx answer, a throw, and (stricter than the docs) a 200 as errors', async () => {
    await answer({ statusCode: 503, statusText: 'PRA unreachable' });
    expect(await fx.host.runScheduledTrigger('tick')).toMatchObject({ ok: false, status: 503, error: 'the function answered 503 PRA unreachable' });
    await answer('throw');
    expect(await fx.host.runScheduledTrigger('tick')).toMatchObject({ ok: false, status: 500, error: 'the function failed: tick failed on purpose' });
    await answer({ statusCode: 200 });
    const ok200 = await fx.host.runScheduledTrigger('tick');
    expect(ok200).toMatchObject({ ok: false, status: 200 });
    expect(ok200.error).toContain('recognises 204 as success');
  });
});

describe('Custom UI resources and the bridge', () => {
  it('serves index.html with window.__bridge injected, and answers invoke and getContext', async () => {
    const html = await (await fetch(`${fx.hostUrl}/__forge/resources/probe-ui/`)).text();
    expect(html).toContain('window.__bridge');
    expect(html.indexOf('window.__bridge')).toBeLessThan(html.indexOf('probe page'));

    const bridge = (cmd: string, data?: unknown) =>
      fetch(`${fx.hostUrl}/__forge/bridge`, {
        method: 'POST',
        body: JSON.stringify({ cmd, data, moduleKey: 'probe-page', accountId: 'admin-7' }),
      }).then((r) => r.json());
    expect(await bridge('invoke', { functionKey: 'whoami', payload: {} })).toEqual({
      ok: true,
      result: { accountId: 'admin-7', moduleKey: 'probe-page', extension: { type: 'jira:adminPage' } },
    });
    expect((await bridge('getContext')).result).toMatchObject({ accountId: 'admin-7', extension: { type: 'jira:adminPage' } });
    expect(await bridge('invoke', { functionKey: 'nope' })).toMatchObject({ ok: false });
  });

  it('does not serve files outside the resource directory', async () => {
    expect((await fetch(`${fx.hostUrl}/__forge/resources/probe-ui/..%2F..%2Fmanifest.yml`)).status).toBe(404);
  });
});
