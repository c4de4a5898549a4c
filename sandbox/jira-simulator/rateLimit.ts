/**
 * Jira Cloud rate limiting: the per-issue write limiter (used by `admitIssueWrite` in state.ts) (a sliding window per issue, answering 429
 * with `RateLimit-Reason: jira-per-issue-on-write`) and a builder for 429 fault rules that carry the
 * headers Jira sends (`Retry-After`, `X-RateLimit-*`, `RateLimit-Reason`).
 */
import { HttpError, type FaultRule } from '../shared/http';

export type RateLimitReason =
  | 'jira-quota-global-based'
  | 'jira-quota-tenant-based'
  | 'jira-burst-based'
  | 'jira-per-issue-on-write';

const RATE_LIMIT_BODY = { errorMessages: ['Rate limit exceeded.'], errors: {} };

function rateLimitHeaders(
  retryAfterSeconds: number | null,
  reason: RateLimitReason,
  limit: number,
  resetAt: number,
): Record<string, string> {
  return {
    ...(retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) }),
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': new Date(resetAt).toISOString(),
    'RateLimit-Reason': reason,
  };
}

/** The per-issue write throttle's setting (knob `perIssueWriteLimit`). */
export interface PerIssueWriteLimit {
  limit: number;
  windowMs: number;
}

export class PerIssueWriteLimiter {
  private readonly writes = new Map<string, number[]>();

  /** Admits one write to the issue or throws the 429 Jira would answer. */
  admit(issueId: string, config: PerIssueWriteLimit | null, now: number): void {
    if (!config) return;
    const recent = (this.writes.get(issueId) ?? []).filter((t) => t > now - config.windowMs);
    if (recent.length >= config.limit) {
      const resetAt = recent[0]! + config.windowMs;
      const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
      this.writes.set(issueId, recent);
      throw new HttpError(429, RATE_LIMIT_BODY, rateLimitHeaders(retryAfter, 'jira-per-issue-on-write', config.limit, resetAt));
    }
    recent.push(now);
    this.writes.set(issueId, recent);
  }

  clear(): void {
    this.writes.clear();
  }
}

export interface RateLimitFaultOptions {
  /** Path prefix (or `^regex`) the rule applies to; default every non-control path. */
  path?: string;
  method?: string;
  /** `Retry-After` seconds; null omits the header (a gateway-level 429). Default 5. */
  retryAfterSeconds?: number | null;
  reason?: RateLimitReason;
  /** How many requests get the 429; default 1. */
  count?: number;
  /** `X-RateLimit-Limit` value; default 100. */
  limit?: number;
}

/** A FaultRule answering 429 like Jira's burst/quota limiters. `now` dates `X-RateLimit-Reset`. */
export function rateLimitFault(options: RateLimitFaultOptions, now: number): FaultRule {
  const retryAfter = options.retryAfterSeconds === undefined ? 5 : options.retryAfterSeconds;
  return {
    path: options.path,
    method: options.method,
    status: 429,
    count: options.count ?? 1,
    headers: rateLimitHeaders(retryAfter, options.reason ?? 'jira-burst-based', options.limit ?? 100, now + (retryAfter ?? 1) * 1000),
    body: RATE_LIMIT_BODY,
  };
}
