import { describe, expect, it } from '@jest/globals';
import { contentTypeOfRecordingFile, firstBytesHex, sniffContainer } from '../../../src/import/recordingContainer';

const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');

describe('recognising a recording from its first bytes', () => {
  it.each([
    ['MP4 (ftyp isom)', hex('00000018 66747970 69736f6d 00000200 69736f6d69736f32'), 'mp4', 'video/mp4'],
    ['MP4 (ftyp mp42, a larger first box)', hex('00000020 66747970 6d703432 00000000'), 'mp4', 'video/mp4'],
    ['QuickTime (ftyp qt)', hex('00000014 66747970 71742020 00000200'), 'mov', 'video/quicktime'],
    ['WebM (EBML, DocType webm)', hex('1a45dfa3 9f4286810142f7810142f2810442f381084282847765626d'), 'webm', 'video/webm'],
    ['Matroska (EBML, DocType matroska)', Buffer.concat([hex('1a45dfa3a34286810142f7810142f2810442f3810842828'), Buffer.from('8matroska')]), 'mkv', 'video/x-matroska'],
    ['FLV', Buffer.concat([Buffer.from('FLV'), hex('0105000000090000')]), 'flv', 'video/x-flv'],
    ['AVI', Buffer.concat([Buffer.from('RIFF'), hex('00100000'), Buffer.from('AVI LIST')]), 'avi', 'video/x-msvideo'],
    ['Ogg', Buffer.from('OggS\u0000\u0002'), 'ogv', 'video/ogg'],
    ['ZIP', hex('504b0304140000000800'), 'zip', 'application/zip'],
  ])('%s', (_name, bytes, extension, contentType) => {
    expect(sniffContainer(bytes)).toMatchObject({ extension, contentType });
    expect(contentTypeOfRecordingFile(`pra-session-x-recording.${extension}`)).toBe(contentType);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['a truncated MP4 header', hex('00000018667479')],
    ['EBML without a known DocType', hex('1a45dfa38442868101')],
    ['text that mentions ftyp later', Buffer.from('hello ftyp webm')],
    ['an HTML error page', Buffer.from('<html><body>502 Bad Gateway</body></html>')],
    ['an XML error', Buffer.from('<?xml version="1.0"?><error>This recording has expired</error>')],
    ['random bytes', hex('deadbeefcafebabe0011')],
  ])('does not recognise %s', (_name, bytes) => {
    expect(sniffContainer(bytes)).toBeUndefined();
  });

  it('says what the first bytes were', () => {
    expect(firstBytesHex(hex('deadbeefcafebabe0011'))).toBe('de ad be ef ca fe ba be');
    expect(contentTypeOfRecordingFile('pra-session-x-recording.bin')).toBe('application/octet-stream');
  });
});
