import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSimulator, doc, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

describe('rate limiting and faults', () => {
  it('injects a 429 with Retry-After and X-RateLimit headers, then recovers', async () => {
    h.sim.addRateLimitFault({ path: '/rest/api/3/issue/', retryAfterSeconds: 3, reason: 'jira-burst-based' });
    const limited = await h.call('GET', '/rest/api/3/issue/SD-1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe('2026-01-15T10:00:03.000Z');
    expect((await h.call('GET', '/rest/api/3/issue/SD-1')).status).toBe(200);
    expect(h.sim.requests().entries.map((e) => e.status)).toEqual([429, 200]);
  });

  it('injects 5xx over HTTP control, never faulting the control API itself', async () => {
    const added = await h.call('POST', '/__sim/faults', { as: null, json: { status: 503, headers: { 'Retry-After': '1' }, count: 2 } });
    expect(added.status).toBe(201);
    expect((await h.call('GET', '/rest/api/3/myself')).status).toBe(503);
    expect((await h.call('GET', '/__sim/issues/SD-1', { as: null })).status).toBe(200);
    expect((await h.call('GET', '/__sim/faults', { as: null })).body.faults).toHaveLength(1);
    expect((await h.call('GET', '/rest/api/3/myself')).status).toBe(503);
    expect((await h.call('GET', '/rest/api/3/myself')).status).toBe(200);
    await h.call('POST', '/__sim/faults/rate-limit', { as: null, json: { retryAfterSeconds: null, count: 5 } });
    const gateway = await h.call('GET', '/rest/api/3/myself');
    expect(gateway.status).toBe(429);
    expect(gateway.headers.has('retry-after')).toBe(false);
    expect((await h.call('DELETE', '/__sim/faults', { as: null })).status).toBe(204);
    expect((await h.call('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('drops the connection before or after handling the request', async () => {
    h.sim.addFault({ path: '/rest/api/3/issue/SD-1/comment', method: 'POST', dropResponse: true, count: 1 });
    await expect(h.call('POST', '/rest/api/3/issue/SD-1/comment', { json: { body: doc('lost ack') } })).rejects.toThrow();
    expect(h.sim.getIssue('SD-1').comments.map((c) => c.body)).toEqual([doc('lost ack')]); // the write happened
    h.sim.addFault({ path: '/rest/api/3/issue/SD-1/comment', method: 'POST', destroy: true, count: 1 });
    await expect(h.call('POST', '/rest/api/3/issue/SD-1/comment', { json: { body: doc('never') } })).rejects.toThrow();
    expect(h.sim.getIssue('SD-1').comments).toHaveLength(1);
  });

  it('limits writes per issue within the window, answering jira-per-issue-on-write', async () => {
    h.sim.setKnobs({ perIssueWriteLimit: { limit: 20, windowMs: 2000 } });
    const comment = (key = 'SD-1') => h.call('POST', `/rest/api/3/issue/${key}/comment`, { json: { body: doc('x') } });
    for (let i = 0; i < 20; i++) {
      h.clock.now += 10;
      expect((await comment()).status).toBe(201);
    }
    const limited = await comment();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await h.call('PUT', '/rest/api/3/issue/SD-1/properties/p', { json: 1 })).status).toBe(429);
    expect((await comment('SD-2')).status).toBe(201); // other issues are unaffected
    expect((await h.call('GET', '/rest/api/3/issue/SD-1')).status).toBe(200); // reads are not limited
    h.clock.now += 2000;
    expect((await comment()).status).toBe(201);
    expect(h.sim.getIssue('SD-1').comments).toHaveLength(21);
  });

  it('delays answers with latency and per-rule delays', async () => {
    h.sim.setLatency(30);
    let started = Date.now();
    await h.call('GET', '/rest/api/3/myself');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    h.sim.clearFaults();
    h.sim.addFault({ path: '^/rest/api/3/issue/SD-\\d+$', delayMs: 30, count: 1 });
    started = Date.now();
    expect((await h.call('GET', '/rest/api/3/issue/SD-1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
