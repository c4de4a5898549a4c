import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startReceiver, startSim, until, type RunningSim } from './helpers';

let run: RunningSim;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
beforeEach(async () => {
  run = await startSim();
  run.sim.setKnobs({ outboundRetryIntervalMs: 20, outboundTimeoutMs: 1000 });
});
afterEach(async () => {
  await run.close();
  await receiver?.close();
  receiver = undefined;
});

const fields = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('delivery', () => {
  it('POSTs form-encoded §7.3 variables, with member fields for member events', async () => {
    receiver = await startReceiver(() => 200);
    run.sim.addRecipient({ name: 'jira', url: `${receiver.url}/webhook?outbound_event_token=s3cr3t` });
    const session = run.sim.createSession({ externalKey: 'OPS-42' });
    run.sim.addMember(session.lsid, { user: { username: 'jdoe', displayName: 'Jane Doe' } });
    run.sim.endSession(session.lsid);
    expect(await run.sim.waitForOutboundIdle(3000)).toBe(true);
    expect(receiver.requests.map((r) => fields(r.body).event)).toEqual([
      'support_conference_begin',
      'support_conference_member_added',
      'support_conference_end',
    ]);
    const end = receiver.requests[2]!;
    expect(end.method).toBe('POST');
    expect(end.path).toBe('/webhook');
    expect(end.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(fields(end.body)).toEqual({
      event: 'support_conference_end',
      version: '3',
      timestamp: String(Math.floor(run.clock.now / 1000)),
      appliance_id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      lsid: session.lsid,
      external_key: 'OPS-42',
    });
    expect(Object.keys(fields(end.body))).toEqual(['event', 'version', 'timestamp', 'appliance_id', 'lsid', 'external_key']);
    expect(fields(receiver.requests[1]!.body)).toMatchObject({ username: 'jdoe', display_name: 'Jane Doe', type: 'representative' });
  });

  it('blocks the queue behind a failing head event, retries it, and keeps FIFO order', async () => {
    const failures = 3;
    let headFailures = 0;
    receiver = await startReceiver((req) => {
      if (fields(req.text()).lsid === first.lsid && fields(req.text()).event === 'support_conference_end' && headFailures < failures) {
        headFailures += 1;
        return 500;
      }
      return 200;
    });
    const recipient = run.sim.addRecipient({ name: 'jira', url: receiver.url, events: ['support_conference_end'] });
    const first = run.sim.createSession();
    const second = run.sim.createSession();
    const third = run.sim.createSession();
    run.sim.endSession(first.lsid);
    run.sim.endSession(second.lsid);
    run.sim.endSession(third.lsid);
    expect(run.sim.outboundQueue(recipient.id).map((q) => q.lsid)).toEqual([first.lsid, second.lsid, third.lsid]);
    expect(await run.sim.waitForOutboundIdle(3000)).toBe(true);

    const received = receiver.requests.map((r) => fields(r.body).lsid);
    expect(received).toEqual([first.lsid, first.lsid, first.lsid, first.lsid, second.lsid, third.lsid]);
    const log = run.sim.outboundLog(recipient.id);
    expect(log.map((a) => [a.lsid, a.attempt, a.status, a.delivered])).toEqual([
      [first.lsid, 1, 500, false],
      [first.lsid, 2, 500, false],
      [first.lsid, 3, 500, false],
      [first.lsid, 4, 200, true],
      [second.lsid, 1, 200, true],
      [third.lsid, 1, 200, true],
    ]);
    // retries are spaced by the retry interval
    const times = receiver.requests.slice(0, 4).map((r) => r.at);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(15);
  });

  it('counts 201, 204, 302 and 404 as failures: only exactly 200 releases the head', async () => {
    const statuses = [201, 204, 302, 404, 200];
    receiver = await startReceiver((_req, index) =>
      statuses[index] === 302 ? { status: 302, headers: { Location: '/elsewhere' } } : (statuses[index] ?? 200),
    );
    const recipient = run.sim.addRecipient({ url: receiver.url, events: ['support_conference_begin'] });
    const a = run.sim.createSession();
    const b = run.sim.createSession();
    expect(await run.sim.waitForOutboundIdle(3000)).toBe(true);
    expect(run.sim.outboundLog(recipient.id).map((e) => [e.lsid, e.status])).toEqual([
      [a.lsid, 201],
      [a.lsid, 204],
      [a.lsid, 302],
      [a.lsid, 404],
      [a.lsid, 200],
      [b.lsid, 200],
    ]);
    expect(receiver.requests.every((r) => r.path === '/')).toBe(true);
  });

  it('treats timeouts and connection errors as failures and keeps retrying', async () => {
    let calls = 0;
    receiver = await startReceiver(() => (++calls === 1 ? { status: 200, delayMs: 300 } : 200));
    run.sim.setKnobs({ outboundTimeoutMs: 50 });
    const slow = run.sim.addRecipient({ url: receiver.url, events: ['support_conference_begin'] });
    const down = run.sim.addRecipient({ url: 'http://127.0.0.1:1/unreachable', events: ['support_conference_begin'] });
    run.sim.createSession();
    await until(() => run.sim.outboundLog(slow.id).some((a) => a.delivered) && run.sim.outboundLog(down.id).length >= 2);
    const [timedOut] = run.sim.outboundLog(slow.id);
    expect(timedOut).toMatchObject({ status: null, delivered: false, error: 'No answer within 50 ms' });
    expect(run.sim.outboundLog(down.id)[0]).toMatchObject({ status: null, delivered: false });
    expect(run.sim.outboundLog(down.id)[0]?.error).toMatch(/fetch failed/);
    expect(run.sim.outboundQueue(down.id)).toHaveLength(1);
    expect(run.sim.outboundQueue(slow.id)).toHaveLength(0);
  });
});

describe('pause, recipients, control API', () => {
  it('holds events while outbound events are off and delivers them in order on resume', async () => {
    receiver = await startReceiver(() => 200);
    run.sim.addRecipient({ url: receiver.url });
    const paused = await fetch(`${run.url}/__sim/outbound/pause`, { method: 'POST' });
    expect(((await paused.json()) as { outboundPaused: boolean }).outboundPaused).toBe(true);
    const a = run.sim.createSession();
    run.sim.endSession(a.lsid);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.requests).toHaveLength(0);
    expect(run.sim.outboundQueue().map((q) => q.event)).toEqual(['support_conference_begin', 'support_conference_end']);
    await fetch(`${run.url}/__sim/outbound/resume`, { method: 'POST' });
    const idle = await fetch(`${run.url}/__sim/outbound/wait-idle`, { method: 'POST', body: JSON.stringify({ timeoutMs: 3000 }) });
    expect(await idle.json()).toEqual({ idle: true });
    expect(receiver.requests.map((r) => fields(r.body).event)).toEqual(['support_conference_begin', 'support_conference_end']);
  });

  it('filters by subscribed events, skips disabled recipients, and exposes log and queue over HTTP', async () => {
    receiver = await startReceiver(() => 200);
    const endsOnly = run.sim.addRecipient({ id: 'ends', url: receiver.url, events: ['support_conference_end'] });
    run.sim.addRecipient({ id: 'off', url: receiver.url, enabled: false });
    const session = run.sim.createSession();
    run.sim.endSession(session.lsid, { notify: true });
    expect(await run.sim.waitForOutboundIdle(3000)).toBe(true);
    expect(receiver.requests).toHaveLength(1);
    const log = (await (await fetch(`${run.url}/__sim/outbound/log?recipient=ends`)).json()) as { event: string; recipientId: string }[];
    expect(log).toEqual([expect.objectContaining({ recipientId: endsOnly.id, event: 'support_conference_end', delivered: true })]);
    expect(await (await fetch(`${run.url}/__sim/outbound/queue`)).json()).toEqual([]);
    const recipients = (await (await fetch(`${run.url}/__sim/outbound/recipients`)).json()) as { id: string; delivered: number }[];
    expect(recipients.map((r) => [r.id, r.delivered])).toEqual([
      ['ends', 1],
      ['off', 0],
    ]);
    expect((await fetch(`${run.url}/__sim/outbound/log?recipient=nope`)).status).toBe(404);
  });

  it('stops retrying on close and on reset', async () => {
    receiver = await startReceiver(() => 503);
    run.sim.addRecipient({ url: receiver.url });
    run.sim.createSession();
    await until(() => receiver!.requests.length >= 2);
    run.sim.reset();
    const count = receiver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(receiver.requests.length).toBeLessThanOrEqual(count + 1);
    expect(run.sim.listRecipients()).toEqual([]);
  });
});
