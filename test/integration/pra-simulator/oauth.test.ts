import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { api, basic, requestToken, startSim, token, type RunningSim } from './helpers';

let run: RunningSim;
let clientId: string;
let secret: string;

beforeEach(async () => {
  run = await startSim();
  const account = run.sim.createAccount({ name: 'jira' });
  clientId = account.clientId;
  secret = account.clientSecret;
});
afterEach(() => run.close());

const apiInfo = (bearer: string) => api(run, bearer, '/api/command?action=get_api_info');

describe('POST /oauth2/token', () => {
  it('issues an opaque 40-character Bearer token valid for an hour, usable many times', async () => {
    const response = await requestToken(run.url, clientId, secret);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9]{40}$/), token_type: 'Bearer', expires_in: 3600 });
    for (let i = 0; i < 3; i += 1) expect((await apiInfo(body.access_token as string)).status).toBe(200);
    expect(run.sim.counters().tokenRequestsByClientId[clientId]).toBe(1);
  });

  it('keeps at most 30 live tokens per account: the 31st evicts the oldest', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 31; i += 1) tokens.push(await token(run.url, clientId, secret));
    const first = await apiInfo(tokens[0]!);
    expect(first.status).toBe(401);
    expect(first.text).toMatch(/<error[^>]*>.+<\/error>/);
    expect((await apiInfo(tokens[1]!)).status).toBe(200);
    expect((await apiInfo(tokens[30]!)).status).toBe(200);
    expect(run.sim.listAccounts()[0]?.liveTokens).toBe(30);
    expect(run.sim.counters().tokenRequestsByClientId[clientId]).toBe(31);
  });

  it('evicts per account: another account is not affected', async () => {
    const other = run.sim.createAccount();
    const otherToken = await token(run.url, other.clientId, other.clientSecret);
    for (let i = 0; i < 31; i += 1) await token(run.url, clientId, secret);
    expect((await apiInfo(otherToken)).status).toBe(200);
  });

  it('expires tokens after the configured lifetime (injected clock)', async () => {
    run.sim.setKnobs({ tokenLifetimeSeconds: 2 });
    const bearer = await token(run.url, clientId, secret);
    run.clock.now += 1999;
    expect((await apiInfo(bearer)).status).toBe(200);
    run.clock.now += 1;
    expect((await apiInfo(bearer)).status).toBe(401);
  });

  it('expires tokens when the clock is advanced through the control API', async () => {
    run.sim.setKnobs({ tokenLifetimeSeconds: 0.05 });
    const bearer = await token(run.url, clientId, secret);
    const advance = await fetch(`${run.url}/__sim/clock/advance`, { method: 'POST', body: JSON.stringify({ ms: 60 }) });
    expect(advance.status).toBe(200);
    expect((await apiInfo(bearer)).status).toBe(401);
  });

  it('invalidates every token of the account when its secret is rotated', async () => {
    const before = [await token(run.url, clientId, secret), await token(run.url, clientId, secret)];
    const rotated = run.sim.rotateSecret(clientId);
    expect(rotated.clientSecret).not.toBe(secret);
    for (const bearer of before) expect((await apiInfo(bearer)).status).toBe(401);
    expect((await requestToken(run.url, clientId, secret)).status).toBe(401);
    expect((await apiInfo(await token(run.url, clientId, rotated.clientSecret))).status).toBe(200);
  });

  it('answers 401 invalid_client for bad, unknown, missing or disabled credentials', async () => {
    const wrong = await requestToken(run.url, clientId, 'nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect((await requestToken(run.url, 'unknown', secret)).status).toBe(401);
    const missing = await fetch(`${run.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: 'invalid_client' });
    // client_id/client_secret in the body are not accepted either
    const inBody = await fetch(`${run.url}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    expect(inBody.status).toBe(401);
    const bearer = await token(run.url, clientId, secret);
    run.sim.updateAccount(clientId, { enabled: false });
    expect((await requestToken(run.url, clientId, secret)).status).toBe(401);
    expect((await apiInfo(bearer)).status).toBe(401);
  });

  it('checks grant_type: missing → invalid_request, other → unsupported_grant_type, JSON body → invalid_request', async () => {
    const missing = await requestToken(run.url, clientId, secret, '');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    const password = await requestToken(run.url, clientId, secret, 'grant_type=password');
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const asJson = await fetch(`${run.url}/oauth2/token`, {
      method: 'POST',
      headers: { Authorization: basic(clientId, secret), 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('honours the token_type and expires_in knobs', async () => {
    run.sim.setKnobs({ tokenTypeLowercase: true, expiresInOverride: 1799 });
    const body = await (await requestToken(run.url, clientId, secret)).json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1799 });
  });
});

describe('bearer check on /api/*', () => {
  it('answers 401 with an <error> body without a token or with an unknown one', async () => {
    const none = await fetch(`${run.url}/api/reporting?generate_report=AccessSessionListing&start_time=0&duration=0`);
    expect(none.status).toBe(401);
    expect(await none.text()).toContain('<error');
    const unknown = await api(run, 'A'.repeat(40), '/api/command?action=check_health');
    expect(unknown.status).toBe(401);
    expect(unknown.text).toMatch(/<error xmlns="http:\/\/www\.beyondtrust\.com\/sra\/namespaces\/API\/command">/);
    const config = await fetch(`${run.url}/api/config/v1/jump-item`, { headers: { Accept: 'application/json' } });
    expect(config.status).toBe(401);
  });

  it('does not require OAuth for /api/client_script and /check_health', async () => {
    const script = await fetch(`${run.url}/api/client_script?type=rep&operation=generate&action=login`);
    expect(script.status).toBe(200);
    const health = await fetch(`${run.url}/check_health`);
    expect(health.status).toBe(200);
    expect((await health.text()).length).toBeGreaterThan(0);
    run.sim.setKnobs({ healthy: false });
    expect((await fetch(`${run.url}/check_health`)).status).toBe(500);
  });
});
