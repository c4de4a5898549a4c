import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO } from '../../../sandbox/jira-simulator';
import { startSimulator, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startSimulator();
});
afterEach(() => h.close());

interface FilePart {
  filename: string;
  data: Buffer;
  contentType?: string;
  name?: string;
}

const BOUNDARY = '----sim-boundary-7MA4YWxkTrZu0gW';

function multipartBody(files: FilePart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.name ?? 'file'}"; filename="${f.filename.replace(/["\\]/g, '\\$&')}"\r\n` +
          (f.contentType ? `Content-Type: ${f.contentType}\r\n` : '') +
          '\r\n',
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const upload = (files: FilePart[], options: { key?: string; xsrf?: boolean; as?: string } = {}) =>
  h.call('POST', `/rest/api/3/issue/${options.key ?? 'SD-1'}/attachments`, {
    as: options.as,
    body: multipartBody(files),
    headers: {
      'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...(options.xsrf === false ? {} : { 'X-Atlassian-Token': 'no-check' }),
    },
  });

const binary = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));

describe('attachments', () => {
  it('requires X-Atlassian-Token: no-check', async () => {
    const res = await upload([{ filename: 'a.txt', data: Buffer.from('a') }], { xsrf: false });
    expect(res.status).toBe(403);
    expect(res.text).toBe('XSRF check failed');
    expect(h.sim.getIssue('SD-1').attachments).toHaveLength(0);
  });

  it('stores two files from one request, byte for byte, and returns Jira’s attachment array', async () => {
    const transcript = Buffer.from('chat transcript\r\n--not a boundary\r\nend');
    const res = await upload([
      { filename: 'session-42.bin', data: binary, contentType: 'application/octet-stream' },
      { filename: 'transcript "42".txt', data: transcript, contentType: 'text/plain; charset=utf-8' },
      { filename: 'ignored.txt', data: Buffer.from('x'), name: 'other' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.body[0]).toMatchObject({
      id: '10000',
      self: 'https://sandbox.atlassian.net/rest/api/3/attachment/10000',
      filename: 'session-42.bin',
      size: 1024,
      mimeType: 'application/octet-stream',
      content: 'https://sandbox.atlassian.net/rest/api/3/attachment/content/10000',
      created: '2026-01-15T10:00:00.000+0000',
      author: { accountType: 'app' },
    });
    expect(res.body[1]).toMatchObject({ filename: 'transcript "42".txt', mimeType: 'text/plain', size: transcript.length });

    const content = await fetch(`${h.url}/rest/api/3/attachment/content/10000`, { headers: { Authorization: 'Bearer sim-app' } });
    expect(Buffer.from(await content.arrayBuffer()).equals(binary)).toBe(true);
    expect(h.sim.attachmentContent('10001').data.equals(transcript)).toBe(true);
    const control = await fetch(`${h.url}/__sim/attachments/10000/content`);
    expect(Buffer.from(await control.arrayBuffer()).equals(binary)).toBe(true);

    expect((await h.call('GET', '/rest/api/3/attachment/10001')).body).toMatchObject({ filename: 'transcript "42".txt' });
    expect((await h.call('GET', '/rest/api/3/issue/SD-1?fields=attachment')).body.fields.attachment).toHaveLength(2);
    expect(h.sim.getIssue('SD-1').attachments.map((a) => a.filename)).toEqual(['session-42.bin', 'transcript "42".txt']);
  });

  it('guesses the MIME type from the file name when the part does not say', async () => {
    const res = await upload([{ filename: 'recording.MP4', data: binary }]);
    expect(res.body[0].mimeType).toBe('video/mp4');
  });

  it('enforces the upload limit, files per request and the per-issue cap with 413', async () => {
    h.sim.setKnobs({ uploadLimitBytes: 1000, maxFilesPerUpload: 2, maxAttachmentsPerIssue: 3 });
    expect((await h.call('GET', '/rest/api/3/attachment/meta')).body).toEqual({ enabled: true, uploadLimit: 1000 });
    const big = await upload([{ filename: 'big.bin', data: binary }]);
    expect(big.status).toBe(413);
    expect(big.body.errorMessages[0]).toMatch(/big\.bin.*1024 bytes.*1000 bytes/);
    const small = (n: string) => ({ filename: `${n}.txt`, data: Buffer.from(n) });
    expect((await upload([small('1'), small('2'), small('3')])).status).toBe(413);
    expect((await upload([small('1'), small('2')])).status).toBe(200);
    expect((await upload([small('3'), small('4')])).status).toBe(413);
    expect((await upload([small('3')])).status).toBe(200);
    const capped = await upload([small('5')]);
    expect(capped.status).toBe(413);
    expect(capped.body.errorMessages[0]).toMatch(/limit of 3 attachments/);
    expect(h.sim.getIssue('SD-1').attachments).toHaveLength(3);
  });

  it('rejects non-multipart bodies, requests without file parts and disabled attachments', async () => {
    const json = await h.call('POST', '/rest/api/3/issue/SD-1/attachments', { json: {}, headers: { 'X-Atlassian-Token': 'no-check' } });
    expect(json.status).toBe(415);
    expect((await upload([{ filename: 'x', data: Buffer.from('x'), name: 'attachment' }])).status).toBe(400);
    h.sim.setKnobs({ attachmentsEnabled: false });
    expect((await h.call('GET', '/rest/api/3/attachment/meta')).body.enabled).toBe(false);
    expect((await upload([{ filename: 'a.txt', data: Buffer.from('a') }])).status).toBe(403);
  });

  it('hides attachments of issues the user cannot browse', async () => {
    const [att] = (await upload([{ filename: 'ops.txt', data: Buffer.from('ops') }], { key: 'OPS-1' })).body;
    expect((await h.call('GET', `/rest/api/3/attachment/${att.id}`, { as: DEMO.users.technician })).status).toBe(403);
    expect((await h.call('GET', `/rest/api/3/attachment/content/${att.id}`, { as: DEMO.users.technician2 })).text).toBe('ops');
    expect((await h.call('GET', '/rest/api/3/attachment/99999')).status).toBe(404);
  });
});
