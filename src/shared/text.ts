/**
 * Text from PRA on its way to a reader: XML references decoded exactly once, and the control-character rule
 * that every output follows (issue 11):
 *   - VT, FF, CR LF, CR, NEL, U+2028 and U+2029 become line breaks ("\n");
 *   - every other C0/C1 control character is removed from comments and written as a visible escape
 *     (`\x07`) in the attached files; TAB counts as whitespace (a space in comments, kept in files);
 *   - lone UTF-16 surrogates (which UTF-8 cannot carry) are treated the same way (`\uD800` in files).
 * No replacement characters (U+FFFD) are ever introduced. Pure.
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five XML entities and every decimal (`&#252;`) and hex (`&#x2014;`) character reference, in one
 * pass, so `&amp;lt;` stays the text `&lt;`. Anything else that looks like a reference is left as it is.
 */
export function decodeXmlReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

/** Line separators of every kind (CR LF first, so it becomes one break). */
const LINE_BREAKS = /\r\n|[\r\u000B\u000C\u0085\u2028\u2029]/g;
// C0 and C1 controls other than TAB and LF (line breaks are handled first), and lone surrogates.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for a Jira comment: line breaks unified to "\n", tabs as spaces, other controls removed. */
export function commentText(value: string): string {
  return value.replace(LINE_BREAKS, '\n').replace(CONTROLS, '').replace(/\t/g, ' ');
}

function visibleEscape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`;
}

/** Text for the attached transcript and event log: line breaks unified, other controls as visible escapes. */
export function fileText(value: string): string {
  return value.replace(LINE_BREAKS, '\n').replace(CONTROLS, visibleEscape);
}

/**
 * PRA's `encoded_body`: base64 (RFC 2045) of the text's bytes. UTF-8 when the bytes are valid UTF-8,
 * otherwise read as Windows-1252 so that no character becomes U+FFFD.
 */
export function decodeEncodedBody(value: string): string {
  const bytes = Buffer.from(value.replace(/\s+/g, ''), 'base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let out = '';
    for (const byte of bytes) out += byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? '') : String.fromCharCode(byte);
    return out;
  }
}

/** Windows-1252 for 0x80–0x9F (the five undefined bytes are dropped); every other byte is Latin-1. */
const CP1252_HIGH = [
  '€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '',
  '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ',
];
