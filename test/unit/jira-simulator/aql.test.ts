import { describe, expect, it } from '@jest/globals';
import { AqlError, matchesAql, parseAql } from '../../../sandbox/jira-simulator/aql';

const object: Record<string, string[]> = {
  name: ['WEB01'],
  objecttype: ['Servers'],
  key: ['ITSM-2'],
  'ip address': ['10.0.20.11'],
};
const values = (attribute: string) => {
  const v = object[attribute.toLowerCase()];
  if (!v) throw new AqlError(`no attribute ${attribute}`);
  return v;
};
const matches = (query: string) => matchesAql(parseAql(query), values);

describe('AQL subset', () => {
  it('compares with = case-insensitively and == case-sensitively', () => {
    expect(matches('Name = "web01"')).toBe(true);
    expect(matches('Name == "web01"')).toBe(false);
    expect(matches('Name == WEB01')).toBe(true);
    expect(matches('Key = ITSM-2')).toBe(true);
  });

  it('supports !=, like, IN, quoted attribute names, AND / OR and parentheses', () => {
    expect(matches('Name != "DB01"')).toBe(true);
    expect(matches('Name like eb0')).toBe(true);
    expect(matches('objectType IN ("Workstations", "servers")')).toBe(true);
    expect(matches('"IP Address" = "10.0.20.11"')).toBe(true);
    expect(matches('objectType = Servers AND Name = DB01')).toBe(false);
    expect(matches('Name = DB01 OR (objectType = Servers and Key = "ITSM-2")')).toBe(true);
  });

  it('reports syntax errors', () => {
    expect(() => parseAql('')).toThrow(AqlError);
    expect(() => parseAql('Name =')).toThrow(/expected a value/);
    expect(() => parseAql('Name ~ x')).toThrow(/expected an operator/);
    expect(() => parseAql('(Name = x')).toThrow(/expected '\)'/);
    expect(() => parseAql('Name = x y')).toThrow(/near 'y'/);
  });
});
