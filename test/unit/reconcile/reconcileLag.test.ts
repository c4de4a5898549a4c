import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RECONCILE_LAG_SECONDS, MAX_RECONCILE_LAG_SECONDS, reconcileLagSeconds } from '../../../src/reconcile/reconcileLag';

describe('the reconciliation lag from RECONCILE_LAG_SECONDS', () => {
  it.each([
    ['5', 5],
    [' 30 ', 30],
    ['0', 0],
    ['300', 300],
    ['3600', 3600],
    ['86400', MAX_RECONCILE_LAG_SECONDS],
  ])('reads %j as %d seconds', (text, seconds) => {
    expect(reconcileLagSeconds(text)).toBe(seconds);
  });

  it.each([undefined, '', '-5', '5.5', '1e3', '5s', 'ten', '0x10', '１０', '9999999', '5\u0000', '"5"'])('falls back to five minutes for %j', (text) => {
    expect(reconcileLagSeconds(text)).toBe(DEFAULT_RECONCILE_LAG_SECONDS);
  });
});
