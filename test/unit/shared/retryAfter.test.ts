import { describe, expect, it } from '@jest/globals';
import { retryAfterSeconds } from '../../../src/shared/retryAfter';

const headers = (value?: string) => new Headers(value === undefined ? {} : { 'Retry-After': value });

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterSeconds(headers('7'))).toBe(7);
    expect(retryAfterSeconds(headers('0'))).toBe(0);
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterSeconds(headers('Mon, 30 Nov 2026 12:00:30 GMT'), now)).toBe(30);
    expect(retryAfterSeconds(headers('Mon, 30 Nov 2026 11:00:00 GMT'), now)).toBe(0);
    expect(retryAfterSeconds(headers('soon'))).toBeUndefined();
    expect(retryAfterSeconds(headers())).toBeUndefined();
  });
});
