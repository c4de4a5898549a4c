import { describe, expect, it } from '@jest/globals';
import { approvalResponseBody, flattenFields, readApprovalRequest } from '../../../src/approval/wireFormat';

/** The body the PRA simulator sends (pra-appliance-api.md §8.2). */
const SECTION_8_2 = {
  ticket_id: 'OPS-42',
  user: { id: 12, username: 'jdoe', public_display_name: 'Jane', private_display_name: 'Jane Doe', email_address: 'jdoe@example.com' },
  jump_item: {
    id: 345,
    name: 'web01',
    hostname: 'web01.corp',
    comments: '',
    jump_group: { id: 1, type: 'shared', name: 'Servers' },
    jumpoint: { id: 2, name: 'DC1' },
  },
};

describe('reading the ticket-system request', () => {
  it('reads the assumed §8.2 JSON body', () => {
    expect(readApprovalRequest(SECTION_8_2)).toEqual({
      ticketId: 'OPS-42',
      user: { id: '12', email: 'jdoe@example.com', username: 'jdoe', displayNames: ['Jane Doe', 'Jane'] },
      jumpItem: { id: '345', name: 'web01', hostname: 'web01.corp', computerName: undefined, target: undefined },
      unknownFields: [],
    });
  });

  it('accepts the ticket under ticket_id, ticketId, ticket and other spellings', () => {
    for (const body of [{ ticket_id: 'SD-1' }, { ticketId: 'SD-1' }, { ticket: 'SD-1' }, { TicketID: 'SD-1' }, { 'ticket-number': 'SD-1' }, { ticket_key: 'SD-1' }]) {
      expect(readApprovalRequest(body).ticketId).toBe('SD-1');
    }
  });

  it('reads flat user_* fields, email and username', () => {
    const r = readApprovalRequest({ ticket: 'SD-1', user_email: 'a@example.com', user_username: 'arivera', user_display_name: 'Alex Rivera' });
    expect(r.user).toEqual({ id: undefined, email: 'a@example.com', username: 'arivera', displayNames: ['Alex Rivera'] });
    const flat = readApprovalRequest({ ticket: 'SD-1', email: 'b@example.com', username: 'bee', private_display_name: 'Bee', public_display_name: 'B' });
    expect(flat.user).toMatchObject({ email: 'b@example.com', username: 'bee', displayNames: ['Bee', 'B'] });
  });

  it('reads form fields in bracket and dotted notation like nested JSON', () => {
    const r = readApprovalRequest({
      ticket_id: 'SD-1',
      'user[email_address]': 'a@example.com',
      'user[username]': 'arivera',
      'user.private_display_name': 'Alex Rivera',
      'jump_item[name]': 'WEB01',
      'jump_item[hostname]': 'web01.corp.example.com',
    });
    expect(r.user).toMatchObject({ email: 'a@example.com', username: 'arivera', displayNames: ['Alex Rivera'] });
    expect(r.jumpItem).toMatchObject({ name: 'WEB01', hostname: 'web01.corp.example.com' });
  });

  it('reads camelCase JSON', () => {
    const r = readApprovalRequest({ ticketId: 'SD-1', user: { emailAddress: 'a@example.com', displayName: 'Alex' }, jumpItem: { computerName: 'WEB01' } });
    expect(r.user).toMatchObject({ email: 'a@example.com', displayNames: ['Alex'] });
    expect(r.jumpItem.computerName).toBe('WEB01');
  });

  it('takes the Jump Item as a plain name, or from computer_name, hostname or target', () => {
    expect(readApprovalRequest({ jump_item: 'WEB01' }).jumpItem.name).toBe('WEB01');
    expect(readApprovalRequest({ computer_name: 'WEB01' }).jumpItem.computerName).toBe('WEB01');
    expect(readApprovalRequest({ hostname: 'web01.corp' }).jumpItem.hostname).toBe('web01.corp');
    expect(readApprovalRequest({ target: '10.0.0.1' }).jumpItem.target).toBe('10.0.0.1');
  });

  it('prefers the most specific field and reports fields it does not use (by name only)', () => {
    const r = readApprovalRequest({ ticket_id: 'SD-1', email: 'flat@example.com', user: { email_address: 'nested@example.com' }, colour: 'red', nested: { deep: 'x' } });
    expect(r.user.email).toBe('nested@example.com');
    expect(r.unknownFields).toEqual(['colour', 'nesteddeep']);
  });

  it('cleans values: control characters, length, non-scalar values, arrays', () => {
    const r = readApprovalRequest({ ticket_id: ['SD-1', 'SD-2'], user: { email_address: { evil: true }, username: 'a\u0000b\r\nc' }, jump_item: { name: 'x'.repeat(2000) } });
    expect(r.ticketId).toBe('SD-1');
    expect(r.user.email).toBeUndefined();
    expect(r.user.username).toBe('a b c');
    expect(r.jumpItem.name).toHaveLength(512);
  });

  it('bounds the work on hostile bodies (depth and number of keys)', () => {
    let deep: Record<string, unknown> = { ticket_id: 'SD-9' };
    for (let i = 0; i < 50; i++) deep = { a: deep };
    expect(flattenFields(deep).size).toBe(0);
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 'v']));
    expect(flattenFields({ ...wide }).size).toBeLessThanOrEqual(200);
    expect(readApprovalRequest(JSON.parse('{"__proto__":{"ticket_id":"SD-1"}}') as Record<string, unknown>).ticketId).toBeUndefined();
  });
});
