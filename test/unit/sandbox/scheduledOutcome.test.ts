import { describe, expect, it } from '@jest/globals';
import { responseBody } from '../../../sandbox/server/scheduler';

describe('the body of a scheduled trigger answer, as the sandbox shows it', () => {
  it('reads a JSON body, keeps any other text, and gives null for none', () => {
    expect(responseBody({ statusCode: 204, body: '{"queued":1,"note":"\\"C:\\\\Temp\\" 工单"}' })).toEqual({ queued: 1, note: '"C:\\Temp" 工单' });
    expect(responseBody({ statusCode: 204 })).toBeNull();
    expect(responseBody(undefined)).toBeNull();
    expect(responseBody({ statusCode: 204, body: '<html>truncated' })).toBe('<html>truncated');
  });
});
