import { describe, expect, it } from '@jest/globals';
import { validateAdf } from '../../../sandbox/jira-simulator/adfValidation';

const paragraph = (...content: unknown[]) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content }] });

describe('validateAdf', () => {
  it('accepts a valid document with headings, lists, tables and code', () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Session 42' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }] }] }] },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'When' }] }] }],
            },
          ],
        },
        { type: 'codeBlock', attrs: { language: 'text' }, content: [{ type: 'text', text: 'ls -la' }] },
        { type: 'rule' },
      ],
    };
    expect(validateAdf(doc)).toBeNull();
  });

  it('rejects an empty text node and points at it', () => {
    expect(validateAdf(paragraph({ type: 'text', text: '' }))).toMatch(/^\/content\/0\/content\/0\/text: .*fewer than 1 characters/);
  });

  it('names an unknown node type', () => {
    expect(validateAdf({ type: 'doc', version: 1, content: [{ type: 'sessionTable', content: [] }] })).toBe(
      "/content/0: unknown node type 'sessionTable'",
    );
  });

  it('accepts known marks and rejects unknown or incomplete ones', () => {
    expect(
      validateAdf(
        paragraph(
          { type: 'text', text: 'bold', marks: [{ type: 'strong' }, { type: 'em' }] },
          { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://pra.example.com/r/1' } }] },
          { type: 'text', text: 'code', marks: [{ type: 'code' }] },
        ),
      ),
    ).toBeNull();
    expect(validateAdf(paragraph({ type: 'text', text: 'x', marks: [{ type: 'blink' }] }))).toBe(
      "/content/0/content/0/marks/0: unknown mark type 'blink'",
    );
    expect(validateAdf(paragraph({ type: 'text', text: 'x', marks: [{ type: 'link' }] }))).toMatch(
      /^\/content\/0\/content\/0\/marks\/0: must have required property 'attrs'/,
    );
  });

  it('rejects a plain string, a non-doc root and a missing version', () => {
    expect(validateAdf('hello')).toMatch(/must be an ADF document/);
    expect(validateAdf({ type: 'paragraph', content: [] })).toMatch(/must be an ADF document/);
    expect(validateAdf({ type: 'doc', content: [] })).toMatch(/version/);
  });
});
