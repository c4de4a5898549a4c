/**
 * The Jump Policy's ticket prompt: the PRA user enters a Jira ticket ID, PRA asks the ticket system (the
 * app's Endpoint Approval URL) and shows its answer — the denial message exactly as the user would see it.
 */
import React, { useState } from 'react';
import { praApi, type JumpItem, type TicketOutcome } from './praApi';

export const TICKET_PROMPT = 'Enter your Jira ticket ID to proceed';

/**
 * `onAllowed` runs on an approval; `onAsking` when a new request is sent, so a caller can withdraw what an
 * earlier approval offered (PRA too forgets it once the user asks again and is denied).
 */
export function TicketPrompt({
  jumpItem,
  username,
  onAllowed,
  onAsking,
}: {
  jumpItem: JumpItem;
  username: string;
  onAllowed?(outcome: TicketOutcome): void;
  onAsking?(): void;
}) {
  const [ticketId, setTicketId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TicketOutcome>();
  const [error, setError] = useState<string>();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    onAsking?.();
    setBusy(true);
    setOutcome(undefined);
    setError(undefined);
    try {
      const answer = await praApi.requestTicket(ticketId.trim(), username, jumpItem.id);
      setOutcome(answer);
      if (answer.allowed) onAllowed?.(answer);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ticket-prompt" onSubmit={(e) => void submit(e)} aria-label={`Ticket ID for ${jumpItem.name}`}>
      <label>
        <span>{TICKET_PROMPT}</span>
        <input value={ticketId} onChange={(e) => setTicketId(e.target.value)} placeholder="SD-1234" aria-label="Ticket ID" autoFocus />
      </label>
      <button type="submit" className="button primary" disabled={busy || !ticketId.trim()}>
        {busy ? 'Checking…' : 'Submit'}
      </button>
      {outcome?.allowed && (
        <div className="pra-message pra-allowed" role="status">
          Access approved{outcome.customAttributes.external_key ? `: the session will be linked to ${outcome.customAttributes.external_key}` : ''}.
        </div>
      )}
      {outcome && !outcome.allowed && (
        <div className="pra-message pra-denied" role="alert">
          <strong>Access denied.</strong> {outcome.message}
        </div>
      )}
      {error && (
        <div className="pra-message pra-denied" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
