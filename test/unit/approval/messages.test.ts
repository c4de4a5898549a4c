import { describe, expect, it } from '@jest/globals';
import { APPROVAL_MESSAGES as M, sanitizedForMessage, shownTicketInput } from '../../../src/approval/messages';

describe('approval messages', () => {
  it('has the four denial messages of the product specification, word for word', () => {
    expect(M.notFound('SD-1234')).toBe('The specified ticket, [SD-1234], could not be found. Please provide a valid ticket number.');
    expect(M.unassigned('SD-1234')).toBe('The specified ticket, [SD-1234], is not assigned to anyone.');
    expect(M.userMismatch('SD-1234')).toBe('The user that initiated the PRA session does not match the assignee of ticket [SD-1234].');
    expect(M.assetMismatch('SD-1234', 'WORKSTATION-01')).toBe(
      'The specified ticket, [SD-1234], does not appear to be associated with an asset named [WORKSTATION-01].',
    );
  });

  it("starts every denial for one of the product's four reasons with the product's sentence", () => {
    const hostile = 'WEB01\r\n"quoted" \\ C:\\Windows 💻 服务器 &amp;';
    const cases: Array<[string, string]> = [
      [M.noAssetOnTicket('SD-7', 'Asset Name', hostile), M.assetMismatch('SD-7', hostile)],
      [M.noAssetOnTicket('SD-7', 'Assets\u0000', 'x'.repeat(500)), M.assetMismatch('SD-7', 'x'.repeat(500))],
    ];
    for (const [message, productSentence] of cases) {
      expect(message.startsWith(`${productSentence} `)).toBe(true);
      expect(message).not.toMatch(/[\r\n\u0000]/);
    }
  });

  it('words the other outcomes as specifically, with the key in brackets', () => {
    expect(M.approved('SD-1')).toBe('Access approved by Jira ticket [SD-1].');
    expect(M.inactive('SD-1234', { status: 'Closed' })).toBe('The specified ticket, [SD-1234], is not active (status: Closed).');
    expect(M.inactive('SD-1234', { resolution: "Won't Do" })).toBe("The specified ticket, [SD-1234], is not active (resolution: Won't Do).");
    expect(M.malformedTicket('hello world')).toBe('The ticket ID [hello world] is not a valid Jira ticket key (for example SD-1234).');
    expect(M.missingTicket()).toBe('No ticket ID was entered. Please provide a Jira ticket key (for example SD-1234).');
    expect(M.disabled()).toBe('Endpoint approval is not available: the BeyondTrust PRA integration is disabled in Jira.');
    expect(M.unavailable('SD-1234')).toBe('Unable to validate the ticket [SD-1234] right now. Please try again in a few minutes.');
    expect(M.unavailable()).toBe('Unable to validate the ticket right now. Please try again in a few minutes.');
    expect(M.noAssetOnTicket('SD-7', 'Asset Name', 'WEB01')).toBe(
      'The specified ticket, [SD-7], does not appear to be associated with an asset named [WEB01]. Its [Asset Name] field has no asset.',
    );
    expect(M.noJumpItem('SD-1')).toBe("PRA did not send the Jump Item's computer name, so ticket [SD-1] cannot be matched to an asset.");
    expect(M.assetFieldUnusable('Asset Name')).toMatch(/^Endpoint approval cannot check assets: Jira has no usable asset field named \[Asset Name\]\./);
    expect(M.assetFieldUnusable('')).toMatch(/no Asset Field Name is configured/);
    expect(M.badRequest('body is not valid JSON')).toBe('The approval request from PRA could not be read (body is not valid JSON). Access is denied.');
  });

  it('shows what the user typed safely: one line, at most 40 characters, unusual characters as "?"', () => {
    expect(shownTicketInput('SD-1/../../rest')).toBe('SD-1/../../rest');
    expect(shownTicketInput('<script>alert(1)</script>')).toBe('?script?alert?1??/script?');
    expect(shownTicketInput("x' OR 1=1 --")).toBe('x? OR 1?1 --');
    expect(shownTicketInput('a\r\nb\u0000c')).toBe('a b c');
    expect(shownTicketInput('A'.repeat(100))).toBe(`${'A'.repeat(39)}…`);
    expect(M.malformedTicket('x'.repeat(5000)).length).toBeLessThan(120);
  });

  it('keeps asset and status names from outside on one bounded line', () => {
    expect(sanitizedForMessage('WEB\n01')).toBe('WEB 01');
    expect(sanitizedForMessage('')).toBe('?');
    expect(sanitizedForMessage('x'.repeat(500)).length).toBe(128);
    expect(M.assetMismatch('SD-1', 'a\u2028b')).toContain('[a b]');
  });
});
