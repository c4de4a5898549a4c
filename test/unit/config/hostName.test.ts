import { describe, expect, it } from '@jest/globals';
import { HOST_NAME_MESSAGES as M, hostNameProblem, normalizeHostName } from '../../../src/config/hostName';

describe('Host Name validation', () => {
  it.each([
    ['pra.yourcompany.com'],
    ['PRA.Example.COM'],
    ['access.example.com.'],
    ['site-1.beyondtrustcloud.com'],
    ['a.b.c.d.example.co.uk'],
  ])('accepts %s', (value) => {
    expect(hostNameProblem(value)).toBeUndefined();
  });

  it.each([
    ['', M.empty],
    ['   ', M.empty],
    ['https://pra.example.com', M.protocol],
    ['http://pra.example.com/', M.protocol],
    ['//pra.example.com', M.protocol],
    ['pra.example.com/login', M.path],
    ['pra.example.com?x=1', M.path],
    ['pra.example.com:443', M.port],
    ['pra.example.com:', M.port],
    ['pra.example.com;443', M.port],
    ['10.1.2.3', M.ip],
    ['[2001:db8::1]', M.ip],
    ['2001:db8::1', M.ip],
    ['localhost', M.localhost],
    ['pra.localhost', M.localhost],
    ['pra example.com', M.characters],
    ['pra_example.com', M.characters],
    ['-pra.example.com', M.characters],
    ['praexample', M.notQualified],
    ['pra.123', M.ip],
    [`${'a'.repeat(64)}.example.com`, M.tooLong],
  ])('rejects %j with a specific message', (value, message) => {
    expect(hostNameProblem(value)).toBe(message);
  });

  it('normalises case, spaces and a trailing dot', () => {
    expect(normalizeHostName('  PRA.Example.com. ')).toBe('pra.example.com');
  });
});
