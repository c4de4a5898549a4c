import { describe, expect, it } from '@jest/globals';
import { PraError, type PraErrorKind } from '../../../src/pra/errors';
import { causeOfPraError, connectionWorks } from '../../../src/config/validateConnection';
import { requesterText } from '../../../src/import/adminActions';

describe('the cause of an invalid configuration', () => {
  it.each([
    ['not-configured', 'missing'],
    ['egress-denied', 'egress'],
    ['unreachable', 'unreachable'],
    ['timeout', 'unreachable'],
    ['invalid-client', 'credentials'],
    ['unauthorized', 'credentials'],
    ['api-disabled', 'api'],
    ['forbidden', 'permissions'],
    ['server-error', 'unexpected'],
    ['bad-response', 'unexpected'],
  ])('a PRA "%s" error points at %s', (kind, cause) => {
    expect(causeOfPraError(new PraError(kind as PraErrorKind, 'x'))).toBe(cause);
  });

  it('counts the connection as working when valid, or invalid only because of the asset field', () => {
    expect(connectionWorks({ status: 'valid', message: '' })).toBe(true);
    expect(connectionWorks({ status: 'invalid', cause: 'assetField', message: '' })).toBe(true);
    for (const cause of ['missing', 'egress', 'unreachable', 'credentials', 'api', 'permissions', 'unexpected'] as const) {
      expect(connectionWorks({ status: 'invalid', cause, message: '' })).toBe(false);
    }
    expect(connectionWorks({ status: 'invalid', message: '' })).toBe(false);
    expect(connectionWorks({ status: 'unchecked', message: '' })).toBe(false);
  });
});

describe('who asked for an import, in words', () => {
  it('names the person and why they may ask, or says who without a name', () => {
    expect(requesterText({ accountId: 'a', displayName: 'Zoë "Z" O\'Brien 张', role: 'assignee' })).toBe('Zoë "Z" O\'Brien 张 (assignee)');
    expect(requesterText({ accountId: 'a', displayName: 'Morgan Lee', role: 'administrator' })).toBe('Morgan Lee (administrator)');
    expect(requesterText({ accountId: 'a', role: 'assignee' })).toBe("the ticket's assignee");
    expect(requesterText({ accountId: 'a', role: 'administrator' })).toBe('an administrator');
    expect(requesterText(undefined)).toBeUndefined();
  });
});
