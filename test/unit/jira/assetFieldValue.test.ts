import { describe, expect, it } from '@jest/globals';
import { expectAs } from '../../helpers/expectAs';
import { MAX_ASSETS, parseAssetValue } from '../../../src/jira/assetFieldValue';

const WS = '8b3f5e2a-4c1d-4e6f-9a7b-0c2d4e6f8a1b';

describe('asset field value (read alike by Jump to Asset and endpoint approval)', () => {
  it('reads short text, trimmed', () => {
    expect(parseAssetValue('  WORKSTATION-01 ')).toEqual({ kind: 'text', names: ['WORKSTATION-01'] });
  });

  it('treats null, blank text and empty lists as empty', () => {
    for (const value of [null, undefined, '', '   ', [], ['  ']]) expectAs(JSON.stringify(value), parseAssetValue(value)).toEqual({ kind: 'empty' });
  });

  it('reads Jira Assets references, without repeats', () => {
    const ref = (id: string) => ({ workspaceId: WS, id: `${WS}:${id}`, objectId: id });
    expect(parseAssetValue([ref('1'), ref('2'), ref('1')])).toEqual({
      kind: 'assets',
      refs: [
        { workspaceId: WS, objectId: '1' },
        { workspaceId: WS, objectId: '2' },
      ],
    });
  });

  it('reads select options and lists of text, without repeats that differ only by case', () => {
    expect(parseAssetValue({ value: 'WEB01', id: '10001' })).toEqual({ kind: 'text', names: ['WEB01'] });
    expect(parseAssetValue(['web01', 'WEB01', 'DB-SERVER-02'])).toEqual({ kind: 'text', names: ['web01', 'DB-SERVER-02'] });
  });

  it(`offers at most ${MAX_ASSETS} assets`, () => {
    const value = parseAssetValue(Array.from({ length: 30 }, (_, i) => `host-${i}`));
    expect(value.kind === 'text' && value.names).toHaveLength(MAX_ASSETS);
  });

  it('reads several names in one text, separated by commas, semicolons or lines, and paragraph (ADF) fields', () => {
    expect(parseAssetValue(' WEB01, DB-SERVER-02 ;LAPTOP-JDOE\nWEB01 ')).toEqual({ kind: 'text', names: ['WEB01', 'DB-SERVER-02', 'LAPTOP-JDOE'] });
    const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'WEB01' }, { type: 'hardBreak' }, { type: 'text', text: 'DB01' }] }] };
    expect(parseAssetValue(adf)).toEqual({ kind: 'text', names: ['WEB01', 'DB01'] });
    expect(parseAssetValue({ type: 'doc', version: 1, content: [] })).toEqual({ kind: 'empty' });
    expect(parseAssetValue(['A', { value: 'B' }])).toEqual({ kind: 'text', names: ['A', 'B'] });
  });

  it('says what an unsupported value is', () => {
    expect(parseAssetValue(42)).toEqual({ kind: 'unsupported', description: 'a number' });
    expect(parseAssetValue([{ accountId: 'x' }])).toEqual({ kind: 'unsupported', description: 'a list' });
  });
});
