import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { accountToken, api, parseXml, startReceiver, startSim, type RunningSim } from './helpers';

let run: RunningSim;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
let web01: number;

beforeEach(async () => {
  run = await startSim();
  const group = run.sim.createJumpGroup({ name: 'Servers' });
  const dc1 = run.sim.createJumpoint({ name: 'DC1' });
  web01 = run.sim.createJumpItem({ name: 'web01', hostname: 'web01.corp', jumpGroupId: group.id, jumpointId: dc1.id, ticketIdRequired: true }).id;
  run.sim.createUser({ username: 'jdoe', displayName: 'Jane Doe', email: 'jdoe@example.com' });
});
afterEach(async () => {
  await run.close();
  await receiver?.close();
  receiver = undefined;
});

async function useReceiver(reply: Parameters<typeof startReceiver>[0], timeoutMs = 2000): Promise<void> {
  receiver = await startReceiver(reply);
  run.sim.configureTicketSystem({ url: `${receiver.url}/approval?token=t`, timeoutMs });
}

const enterTicket = (ticketId = 'OPS-42') => run.sim.sendTicketRequest({ ticketId, user: 'jdoe', jumpItem: { hostname: 'web01.corp' } });

describe('ticket system caller', () => {
  it('POSTs the §8.2 JSON body and, on approval, gives the next session the returned attributes', async () => {
    await useReceiver(() => ({ status: 200, body: { is_valid: true, custom_attributes: { external_key: 'OPS-42' } } }));
    expect(() => run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' })).toThrow(/requires a ticket ID/);

    const outcome = await enterTicket();
    expect(outcome).toMatchObject({ allowed: true, message: null, customAttributes: { external_key: 'OPS-42' }, httpStatus: 200 });
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(0);
    const request = receiver!.requests[0]!;
    expect(request.path).toBe('/approval');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      ticket_id: 'OPS-42',
      user: { id: 2, username: 'jdoe', public_display_name: 'Jane Doe', private_display_name: 'Jane Doe', email_address: 'jdoe@example.com' },
      jump_item: {
        id: web01,
        name: 'web01',
        hostname: 'web01.corp',
        comments: '',
        jump_group: { id: 2, type: 'shared', name: 'Servers' },
        jumpoint: { id: 2, name: 'DC1' },
      },
    });

    const session = run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' });
    expect(session.externalKey).toBe('OPS-42');
    // the approval is used once
    expect(() => run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' })).toThrow(/requires a ticket ID/);

    run.sim.endSession(session.lsid);
    const bearer = await accountToken(run);
    const report = parseXml((await api(run, bearer, `/api/reporting?generate_report=AccessSession&lsid=${session.lsid}`)).text);
    expect((report.session_list as { session: { external_key: string }[] }).session[0]?.external_key).toBe('OPS-42');
  });

  it('denies with the ticket system message', async () => {
    await useReceiver(() => ({ status: 200, body: { is_valid: false, error_message: 'Ticket OPS-42 is not assigned to you' } }));
    expect(await enterTicket()).toMatchObject({ allowed: false, message: 'Ticket OPS-42 is not assigned to you', httpStatus: 200 });
    expect(() => run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' })).toThrow(/requires a ticket ID/);
  });

  it('forgets an approval when the same user asks again for that Jump Item and is denied', async () => {
    await useReceiver((req) => {
      const ticket = (JSON.parse(req.text()) as { ticket_id: string }).ticket_id;
      return ticket === 'OPS-42'
        ? { status: 200, body: { is_valid: true, custom_attributes: { external_key: 'OPS-42' } } }
        : { status: 200, body: { is_valid: false, error_message: `Ticket ${ticket} is closed` } };
    });
    expect(await enterTicket('OPS-42')).toMatchObject({ allowed: true });
    expect(await enterTicket('OPS-7 "quoted" \\ 工单')).toMatchObject({ allowed: false, message: 'Ticket OPS-7 "quoted" \\ 工单 is closed' });
    // the earlier ticket's approval must not start a session linked to it
    expect(() => run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' })).toThrow(/requires a ticket ID/);

    // a failed request (the ticket system unreachable) clears it too
    expect(await enterTicket('OPS-42')).toMatchObject({ allowed: true });
    run.sim.configureTicketSystem({ url: 'http://127.0.0.1:9/approval', timeoutMs: 500 });
    expect(await enterTicket('OPS-42')).toMatchObject({ allowed: false });
    expect(() => run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' })).toThrow(/requires a ticket ID/);
  });

  it('fails closed on HTTP 500, garbage, a malformed verdict, a slow answer and an unreachable URL', async () => {
    await useReceiver(() => ({ status: 500, body: { is_valid: true } }));
    expect(await enterTicket()).toMatchObject({ allowed: false, httpStatus: 500, message: expect.stringMatching(/HTTP 500.*denied/) });
    await receiver!.close();

    await useReceiver(() => ({ status: 200, body: '<html>oops</html>' }));
    expect(await enterTicket()).toMatchObject({ allowed: false, httpStatus: 200, message: expect.stringMatching(/could not be understood/) });
    await receiver!.close();

    await useReceiver(() => ({ status: 200, body: { is_valid: 'yes' } }));
    expect(await enterTicket()).toMatchObject({ allowed: false, message: expect.stringMatching(/could not be understood/) });
    await receiver!.close();

    await useReceiver(() => ({ status: 200, body: { is_valid: true }, delayMs: 500 }), 100);
    const slow = await enterTicket();
    expect(slow).toMatchObject({ allowed: false, httpStatus: null, message: expect.stringMatching(/did not answer in time/) });
    expect(slow.elapsedMs).toBeLessThan(450);
    await receiver!.close();
    receiver = undefined;

    run.sim.configureTicketSystem({ url: 'http://127.0.0.1:1/approval' });
    expect(await enterTicket()).toMatchObject({ allowed: false, httpStatus: null, message: expect.stringMatching(/could not be reached/) });
    expect(() => run.sim.createSession({ jumpItem: { id: web01 }, rep: 'jdoe' })).toThrow(/requires a ticket ID/);
  });

  it('denies when no ticket system is configured, and logs every request (also over the control API)', async () => {
    expect(await enterTicket('OPS-1')).toMatchObject({ allowed: false, message: expect.stringMatching(/No ticket system/), httpStatus: null });
    await useReceiver(() => ({ status: 200, body: { is_valid: true } }));
    const response = await fetch(`${run.url}/__sim/ticket-system/requests`, {
      method: 'POST',
      body: JSON.stringify({
        ticketId: 'OPS-2',
        user: { username: 'newbie', publicDisplayName: 'New Bie', privateDisplayName: 'Newbie (contractor)', email: 'nb@example.com' },
        jumpItem: { id: web01 },
      }),
    });
    expect(await response.json()).toMatchObject({ allowed: true, customAttributes: {} });
    expect(JSON.parse(receiver!.requests[0]!.body).user).toMatchObject({ username: 'newbie', private_display_name: 'Newbie (contractor)' });
    const log = (await (await fetch(`${run.url}/__sim/ticket-system/log`)).json()) as { ticketId: string; outcome: { allowed: boolean } }[];
    expect(log.map((e) => [e.ticketId, e.outcome.allowed])).toEqual([
      ['OPS-1', false],
      ['OPS-2', true],
    ]);
    // the inline user now exists and can start the approved session
    expect(run.sim.createSession({ jumpItem: { id: web01 }, rep: 'newbie' }).reps[0]?.username).toBe('newbie');
  });
});
