import { describe, expect, it } from '@jest/globals';
import { scheduledOutcome } from '../../../sandbox/server/scheduler';

describe('what the platform makes of a scheduled trigger return value', () => {
  it.each([undefined, null, 'done', 42, {}, { statusCode: '200' }, { statusCode: 200.5 }, { body: '{}' }])('records %j as a 424 failure, as Forge does', (returned) => {
    expect(scheduledOutcome(returned)).toMatchObject({ ok: false, statusCode: 424 });
  });

  it('reads a JSON body, keeps any other text, and fails on an error status', () => {
    expect(scheduledOutcome({ statusCode: 200, body: '{"queued":1,"note":"\\"C:\\\\Temp\\" 工单"}' })).toEqual({ ok: true, statusCode: 200, result: { queued: 1, note: '"C:\\Temp" 工单' } });
    expect(scheduledOutcome({ statusCode: 204 })).toEqual({ ok: true, statusCode: 204, result: null });
    expect(scheduledOutcome({ statusCode: 200, body: '<html>truncated' })).toEqual({ ok: true, statusCode: 200, result: '<html>truncated' });
    expect(scheduledOutcome({ statusCode: 500, body: 'null' })).toMatchObject({ ok: false, statusCode: 500, error: 'The function answered 500' });
  });
});
