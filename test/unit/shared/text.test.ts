import { describe, expect, it } from '@jest/globals';
import { commentText, decodeEncodedBody, decodeXmlReferences, fileText } from '../../../src/shared/text';

describe('XML references', () => {
  it('decodes the five entities and decimal and hex character references', () => {
    expect(decodeXmlReferences('It&#039;s &#252;ber &#8212; a&#8201;b &#x1F600; &#X41; &lt;&gt;&amp;&quot;&apos;')).toBe('It\'s über — a\u2009b 😀 A <>&"\'');
  });

  it('decodes once: &amp;lt; is the text &lt;', () => {
    expect(decodeXmlReferences('&amp;lt;b&amp;gt; &amp;#039;')).toBe('&lt;b&gt; &#039;');
  });

  it('leaves what is not a reference alone', () => {
    expect(decodeXmlReferences('AT&T &nbsp; &#xD800; &#99999999; & ;')).toBe('AT&T &nbsp; &#xD800; &#99999999; & ;');
  });
});

describe('control characters', () => {
  const hostile = 'a\u000Bb\u000Cc\r\nd\re\u0085f\u2028g\u2029h\u0007i\u001Bj\u0000k\u009Bl\tm\uD800n';

  it('comments: every line separator becomes a line break, other controls disappear, no U+FFFD', () => {
    expect(commentText(hostile)).toBe('a\nb\nc\nd\ne\nf\ng\nh' + 'ijkl m' + 'n');
    expect(commentText(hostile)).not.toContain('\uFFFD');
  });

  it('files: line separators become line breaks, other controls a visible escape', () => {
    expect(fileText(hostile)).toBe('a\nb\nc\nd\ne\nf\ng\nh\\x07i\\x1Bj\\x00k\\x9Bl\tm\\uD800n');
  });

  it('keeps emoji, CJK, quotes, backslashes and Windows paths as they are', () => {
    const text = '😀 漢字 "q" \\ C:\\temp\\x.txt';
    expect(commentText(text)).toBe(text);
    expect(fileText(text)).toBe(text);
  });
});

describe('encoded_body', () => {
  it('decodes base64 UTF-8 and keeps control characters for the output rules to handle', () => {
    expect(decodeEncodedBody(Buffer.from('bell \u0007 ü 😀', 'utf8').toString('base64'))).toBe('bell \u0007 ü 😀');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 instead of producing U+FFFD', () => {
    expect(decodeEncodedBody(Buffer.from([0x66, 0xfc, 0x72, 0x80]).toString('base64'))).toBe('für€');
  });
});
