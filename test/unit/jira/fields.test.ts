import { describe, expect, it } from '@jest/globals';
import { chooseField, fieldKind, similarFieldNames, type JiraField } from '../../../src/jira/fields';

const text: JiraField = { id: 'customfield_10050', name: 'Asset Name', schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' } };
const assets: JiraField = { id: 'customfield_10060', name: 'Assets', schema: { type: 'array', items: 'cmdb-object-field', custom: 'com.atlassian.jira.plugins.cmdb:cmdb-object-cftype' } };
const dupText: JiraField = { id: 'customfield_10070', name: 'Assets', schema: { type: 'string' } };
const date: JiraField = { id: 'customfield_10080', name: 'Due', schema: { type: 'date' } };

describe('asset field resolution', () => {
  it('classifies text, Assets and unsupported fields', () => {
    expect(fieldKind(text)).toBe('text');
    expect(fieldKind(assets)).toBe('assets');
    expect(fieldKind(date)).toBe('unsupported');
  });

  it('matches the name exactly and prefers an Assets field among duplicates', () => {
    expect(chooseField([text, dupText, assets], 'Assets')).toMatchObject({ id: 'customfield_10060', kind: 'assets' });
    expect(chooseField([text], 'asset name')).toBeUndefined();
  });

  it('suggests names that differ only by case or spacing', () => {
    expect(similarFieldNames([text, assets], 'asset  name')).toEqual(['Asset Name']);
  });
});
