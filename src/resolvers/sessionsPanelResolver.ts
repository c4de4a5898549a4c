/**
 * Resolver of the issue's BeyondTrust PRA panel (jira:issueContext). The issue comes from the context,
 * never the payload. @forge/api's NeedsAuthenticationError leaves it unchanged (Jira's *Allow access* prompt).
 */
import Resolver from '@forge/resolver';
import { issueSessionsView, reimportFromIssue } from '../sessions/issueSessions';
import { isConsentRequired } from '../jira/client';
import { log } from '../shared/log';

interface PanelContext {
  accountId?: string;
  extension?: { issue?: { key?: string } };
}

/** What the panel gets when a function fails unexpectedly (its own answers are typed by the use case). */
export type PanelFailure = { ok: false; error: { code: 'ERROR'; message: string } };

function guarded<P, R>(name: string, fn: (payload: P, context: PanelContext) => Promise<R>) {
  return async ({ payload, context }: { payload: P; context: PanelContext }): Promise<R | PanelFailure> => {
    try {
      return await fn(payload, context);
    } catch (error) {
      // The user has not allowed the app yet: Jira shows its "Allow access" prompt for this error only.
      if (isConsentRequired(error)) throw error;
      log.error('sessions-panel.failed', { function: name, error });
      return { ok: false, error: { code: 'ERROR', message: `The PRA sessions could not be loaded: ${(error as Error).message}` } };
    }
  };
}

export const sessionsPanelResolver = new Resolver()
  .define('getPanel', guarded('getPanel', (_payload, context) => issueSessionsView(context.extension?.issue?.key, context.accountId)))
  .define(
    'reimport',
    guarded('reimport', (payload: { lsid?: unknown }, context: PanelContext) => reimportFromIssue(context.extension?.issue?.key, payload?.lsid, context.accountId)),
  )
  .getDefinitions();
