import { describe, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';
import { assetNameProblem, buildJumpLink, encodeParam, MAX_SEARCH_CHARS } from '../../../src/jump/jumpLink';

const link = (assetName: string, mode: 'web' | 'desktop' = 'web', issueKey = 'SD-1') => {
  const result = buildJumpLink({ hostName: 'pra.example.com', assetName, issueKey, mode });
  if (!result.ok) throw new Error(result.problem);
  return result.url;
};

describe('Jump link', () => {
  it('is a web console start_jump_item_session URL with the issue key as external key (Use Web Rep Console on)', () => {
    expect(link('WORKSTATION-01')).toBe(
      'https://pra.example.com/api/client_script?type=web_console&operation=execute&action=start_jump_item_session&search_string=WORKSTATION-01&session.custom.external_key=SD-1',
    );
  });

  it('is a session file (type=rep&operation=generate) with the same search and external key (Use Web Rep Console off)', () => {
    expect(link('WORKSTATION-01', 'desktop', 'OPS-42')).toBe(
      'https://pra.example.com/api/client_script?type=rep&operation=generate&action=start_jump_item_session&search_string=WORKSTATION-01&session.custom.external_key=OPS-42',
    );
  });

  it.each([
    ['Web Server 01', 'Web%20Server%2001'],
    ['R&D #1 100%', 'R%26D%20%231%20100%25'],
    ['Serveur-Données-é', 'Serveur-Donn%C3%A9es-%C3%A9'],
    ['東京サーバー', '%E6%9D%B1%E4%BA%AC%E3%82%B5%E3%83%BC%E3%83%90%E3%83%BC'],
    ['a+b=c?/d', 'a%2Bb%3Dc%3F%2Fd'],
    ["it's (db)*!", 'it%27s%20%28db%29%2A%21'],
    ['x&session.custom.external_key=EVIL-1', 'x%26session.custom.external_key%3DEVIL-1'],
  ])('percent-encodes %j as one search string', (name, encoded) => {
    const url = link(name);
    expect(url).toContain(`&search_string=${encoded}&session.custom.external_key=SD-1`);
    const params = new URL(url).searchParams;
    expect(params.get('search_string')).toBe(name);
    expect(params.getAll('session.custom.external_key')).toEqual(['SD-1']);
    expect([...params.keys()]).toEqual(['type', 'operation', 'action', 'search_string', 'session.custom.external_key']);
  });

  it('never encodes a space as +', () => {
    expect(link('a b')).not.toContain('+');
    expect(encodeParam('a b+c')).toBe('a%20b%2Bc');
  });

  it(`accepts ${MAX_SEARCH_CHARS} characters and refuses more, saying why`, () => {
    expect(link('x'.repeat(MAX_SEARCH_CHARS))).toContain(`search_string=${'x'.repeat(MAX_SEARCH_CHARS)}&`);
    const result = buildJumpLink({ hostName: 'pra.example.com', assetName: 'x'.repeat(256), issueKey: 'SD-1', mode: 'web' });
    expect(result).toEqual({
      ok: false,
      problem:
        'The asset name is 256 characters long, but a BeyondTrust PRA Jump search accepts at most 255 characters, so no Jump link was created. Shorten the asset name on the ticket.',
    });
    expect(assetNameProblem('  ')).toBe('The asset name is empty.');
  });

  it('refuses a host name that is not a bare host, and an external key that is not an issue key', () => {
    for (const hostName of ['https://pra.example.com', 'pra.example.com/x', 'pra.example.com?a=b', 'evil.com#pra.example.com', 'PRA.example.com']) {
      expectAs(hostName, () => buildJumpLink({ hostName, assetName: 'a', issueKey: 'SD-1', mode: 'web' })).toThrow(/invalid host name/);
    }
    for (const issueKey of ['sd-1', 'SD-1&x=y', '', 'SD-0']) {
      expectAs(issueKey, () => buildJumpLink({ hostName: 'pra.example.com', assetName: 'a', issueKey, mode: 'web' })).toThrow(/issue key/);
    }
  });
});
