import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../../sandbox/shared/http';
import { PerIssueWriteLimiter, rateLimitFault } from '../../../sandbox/jira-simulator/rateLimit';
import { RequestLog } from '../../../sandbox/jira-simulator/requestLog';

describe('PerIssueWriteLimiter', () => {
  const config = { limit: 3, windowMs: 2000 };

  it('admits `limit` writes per window per issue, then answers 429 with Retry-After', () => {
    const limiter = new PerIssueWriteLimiter();
    for (let i = 0; i < 3; i++) limiter.admit('10000', config, 1000 + i);
    limiter.admit('10001', config, 1003); // another issue is unaffected
    let error: unknown;
    try {
      limiter.admit('10000', config, 1500);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect(http.status).toBe(429);
    expect(http.headers['RateLimit-Reason']).toBe('jira-per-issue-on-write');
    expect(http.headers['Retry-After']).toBe('2'); // window frees at 3000: 1.5 s → rounded up
    expect(() => limiter.admit('10000', config, 3000)).not.toThrow(); // the first write left the window
  });

  it('does nothing when the limiter is off', () => {
    const limiter = new PerIssueWriteLimiter();
    for (let i = 0; i < 100; i++) limiter.admit('10000', null, 0);
  });
});

describe('rateLimitFault', () => {
  it('builds a 429 rule with Jira headers; Retry-After can be omitted', () => {
    const rule = rateLimitFault({ retryAfterSeconds: 7, reason: 'jira-quota-tenant-based', count: 2 }, Date.parse('2026-01-01T00:00:00Z'));
    expect(rule).toMatchObject({ status: 429, count: 2 });
    expect(rule.headers).toMatchObject({
      'Retry-After': '7',
      'RateLimit-Reason': 'jira-quota-tenant-based',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2026-01-01T00:00:07.000Z',
    });
    expect(rateLimitFault({ retryAfterSeconds: null }, 0).headers).not.toHaveProperty('Retry-After');
  });
});

describe('RequestLog', () => {
  it('filters by sequence number and keeps numbering after a clear', () => {
    const log = new RequestLog();
    const entry = { time: 0, method: 'GET', path: '/p', query: '', principal: 'app', status: 200 };
    log.record(entry);
    const mark = log.mark();
    log.record({ ...entry, status: 404, principal: 'user:abc' });
    expect(log.list(mark).map((e) => e.status)).toEqual([404]);
    expect(log.counters()).toMatchObject({ total: 2, byStatus: { '200': 1, '404': 1 }, byPrincipal: { app: 1, 'user:abc': 1 } });
    log.clear();
    log.record(entry);
    expect(log.list()[0]!.seq).toBe(3);
  });
});
