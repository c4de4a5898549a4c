import { describe, expect, it } from '@jest/globals';
import { SYSTEM_FIELDS, selectFields, type FieldMeta } from '../../../sandbox/jira-simulator/fields';
import type { User } from '../../../sandbox/jira-simulator/state';
import { matchesUserQuery } from '../../../sandbox/jira-simulator/users';

const custom: FieldMeta = { ...SYSTEM_FIELDS[0]!, id: 'customfield_10050', name: 'Asset Name', custom: true };
const available = [...SYSTEM_FIELDS, custom];
const ids = (param: string | null) => selectFields(param, available).map((f) => f.id);

describe('selectFields (GET issue `fields=`)', () => {
  it('returns every field by default and for *all', () => {
    expect(ids(null)).toHaveLength(available.length);
    expect(ids('*all')).toHaveLength(available.length);
  });

  it('returns only the listed ids, ignoring unknown ones', () => {
    expect(ids('summary,customfield_10050,customfield_99999')).toEqual(['summary', 'customfield_10050']);
  });

  it('excludes non-navigable fields for *navigable and honours -field exclusions', () => {
    expect(ids('*navigable')).not.toContain('comment');
    expect(ids('*navigable')).toContain('summary');
    expect(ids('-comment')).not.toContain('comment');
    expect(ids('-comment')).toContain('attachment');
    expect(ids('*all,-summary,-attachment')).toEqual(available.map((f) => f.id).filter((id) => id !== 'summary' && id !== 'attachment'));
  });
});

describe('matchesUserQuery', () => {
  const sam: User = {
    accountId: 'x',
    displayName: 'Sam Patel',
    emailAddress: 'sam.patel@example.com',
    emailVisible: false,
    active: true,
    accountType: 'atlassian',
    timeZone: 'UTC',
    locale: 'en_US',
    groups: [],
  };

  it('matches a prefix of the display name or of any word in it, case-insensitively', () => {
    expect(matchesUserQuery(sam, 'sa')).toBe(true);
    expect(matchesUserQuery(sam, 'PAT')).toBe(true);
    expect(matchesUserQuery(sam, 'sam patel')).toBe(true);
    expect(matchesUserQuery(sam, 'atel')).toBe(false);
  });

  it('matches a prefix of the email address even when the email is hidden', () => {
    expect(matchesUserQuery(sam, 'sam.patel@EXAMPLE.com')).toBe(true);
    expect(matchesUserQuery(sam, 'example.com')).toBe(false);
    expect(matchesUserQuery(sam, '   ')).toBe(false);
  });
});
