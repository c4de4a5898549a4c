/**
 * What the Endpoint Approval URL does with requests that are not a clean ticket-system call: wrong or
 * missing token, other methods, other content types, huge or broken bodies, and ticket IDs that try to
 * reach other Jira URLs or queries. None of them reaches Jira; all of them deny.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALEX, approvalWorld, praBody, type ApprovalWorld } from './helpers';

let a: ApprovalWorld;
beforeAll(async () => {
  a = await approvalWorld();
});
afterAll(() => a.close());

const MALFORMED = /^The ticket ID \[.*\] is not a valid Jira ticket key \(for example SD-1234\)\.$/;

describe('authentication and method', () => {
  it('refuses a missing or wrong token with 403 and a deny body, before reading the body', async () => {
    const noToken = new URL(a.url);
    noToken.searchParams.delete('token');
    const wrong = new URL(a.url);
    wrong.searchParams.set('token', 'x'.repeat(43));
    for (const url of [noToken.toString(), wrong.toString(), `${noToken.toString()}?token=`]) {
      const res = await a.post(praBody('SD-1', ALEX, { name: 'WORKSTATION-01' }), { url });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        is_valid: false,
        error_message: 'This URL needs its token: copy the Endpoint Approval URL from the app configuration page.',
        message: 'This URL needs its token: copy the Endpoint Approval URL from the app configuration page.',
      });
    }
  });

  it('shows the PRA user a denial when PRA is configured without the token', async () => {
    const noToken = new URL(a.url);
    noToken.searchParams.delete('token');
    a.w.pra.configureTicketSystem({ url: noToken.toString() });
    try {
      const outcome = await a.enter('SD-1', 'arivera', { name: 'WORKSTATION-01' });
      expect(outcome).toMatchObject({ allowed: false, httpStatus: 403, message: 'The ticket system answered with HTTP 403. Access is denied.' });
    } finally {
      a.w.pra.configureTicketSystem({ url: a.url });
    }
  });

  it('answers 405 to other methods', async () => {
    const res = await a.post(undefined, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.body.is_valid).toBe(false);
    expect((await a.post({}, { method: 'PUT' })).status).toBe(405);
  });
});

describe('bodies', () => {
  it('accepts a form body with flat fields', async () => {
    const form = new URLSearchParams({ ticket_id: 'sd-1', user_email: 'alex.rivera@example.com', user_username: 'arivera', computer_name: 'WORKSTATION-01' });
    const res = await a.post(undefined, { contentType: 'application/x-www-form-urlencoded', raw: form.toString() });
    expect(res.body).toMatchObject({ is_valid: true, custom_attributes: { external_key: 'SD-1' } });
  });

  it('accepts a form body in bracket notation, and JSON sent as text/plain', async () => {
    const form = 'ticket=SD-1&user%5Bemail_address%5D=alex.rivera%40example.com&jump_item%5Bname%5D=WORKSTATION-01';
    expect((await a.post(undefined, { contentType: 'application/x-www-form-urlencoded; charset=UTF-8', raw: form })).body.is_valid).toBe(true);
    expect((await a.post(undefined, { contentType: 'text/plain', raw: JSON.stringify(praBody('SD-1', ALEX, { name: 'WORKSTATION-01' })) })).body.is_valid).toBe(true);
  });

  it.each([
    ['an unsupported content type', 'application/xml', '<ticket>SD-1</ticket>', 'unsupported content type application/xml'],
    ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="ticket"\r\n\r\nSD-1\r\n--x--', 'unsupported content type multipart/form-data'],
    ['broken JSON', 'application/json', '{"ticket_id": "SD-1",', 'body is not valid JSON'],
    ['a JSON array', 'application/json', '[{"ticket_id":"SD-1"}]', 'JSON body is not an object'],
    ['an empty body', 'application/json', '', 'empty body'],
    ['a huge body', 'application/json', JSON.stringify({ ticket_id: 'SD-1', pad: 'x'.repeat(100_000) }), 'body larger than 32768 bytes'],
  ])('denies %s with HTTP 200 and says the request could not be read', async (_name, contentType, raw, reason) => {
    const { result, calls } = await a.jiraCallsDuring(() => a.post(undefined, { contentType, raw }));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ is_valid: false, error_message: `The approval request from PRA could not be read (${reason}). Access is denied.` });
    expect(calls).toEqual([]);
  });

  it('denies a request without a ticket ID', async () => {
    const res = await a.post({ user: ALEX, jump_item: { name: 'WORKSTATION-01' } });
    expect(res.body.error_message).toBe('No ticket ID was entered. Please provide a Jira ticket key (for example SD-1234).');
  });
});

describe('ticket IDs that are not issue keys', () => {
  it.each([
    'SD-1/../../rest/api/3/myself',
    '../serverInfo',
    'SD-1?fields=*all',
    'SD-1#comment',
    'SD-1%2F..%2F..',
    'SD-1 OR project = OPS',
    "SD-1' OR '1'='1",
    'project = SD ORDER BY created DESC',
    '{"jql":"project=SD"}',
    '<img src=x onerror=alert(1)>',
    'SD-1\r\nX-Injected: 1',
    'SD‐1', // Unicode hyphen
    'ＳＤ-1', // full-width letters
    'SD-',
    'SD1',
    `SD-${'9'.repeat(30)}`,
    'A'.repeat(10_000),
  ].map((t) => [t.length > 60 ? `${t.slice(0, 12)}… (${t.length} characters)` : t, t]))('denies %j without any Jira request', async (_label, ticket) => {
    const { result, calls } = await a.jiraCallsDuring(() => a.post(praBody(ticket, ALEX, { name: 'WORKSTATION-01' })));
    expect(result.status).toBe(200);
    expect(result.body.is_valid).toBe(false);
    expect(result.body.error_message).toMatch(MALFORMED);
    expect(result.body.error_message.length).toBeLessThan(120);
    expect(calls).toEqual([]);
  });

  it('shows the PRA user the malformed-ID message through the appliance too', async () => {
    const outcome = await a.enter('SD 1234', 'arivera', { name: 'WORKSTATION-01' });
    expect(outcome).toMatchObject({ allowed: false, message: 'The ticket ID [SD 1234] is not a valid Jira ticket key (for example SD-1234).' });
  });
});

describe('what is written down', () => {
  it('never logs the request body, the token or the requester\'s email', async () => {
    a.w.host.logs.length = 0;
    await a.post(praBody('SD-1', ALEX, { name: 'WORKSTATION-01' }));
    await a.post({ ticket_id: 'SD-1', user: { email_address: 'alex.rivera@example.com' }, secret_sauce: 'hush-hush-value' });
    await a.post(undefined, { contentType: 'application/json', raw: '{"ticket_id": "SD-1", "password": "hunter2-value"' });
    const logs = JSON.stringify(a.w.host.logs.filter((l) => l.moduleKey === 'endpoint-approval'));
    expect(logs).toContain('approval.decision');
    expect(logs).toContain('secretsauce'); // an unknown field is reported by name…
    expect(logs).not.toContain('hush-hush-value'); // …never by value
    expect(logs).not.toContain('hunter2-value');
    expect(logs).not.toContain('alex.rivera@example.com');
    expect(logs).not.toContain(new URL(a.url).searchParams.get('token')!);
  });
});
