/**
 * Resolver of the Jump to Asset dialog (jira:issueAction `jump-to-asset`). Thin: the issue comes from the
 * invocation context (the issue the dialog was opened on), never from the payload, and every Jira read
 * happens as the calling user inside the use case. A user who has not allowed the app gets Jira's
 * *Allow access* prompt: @forge/api's NeedsAuthenticationError leaves the resolver unchanged.
 */
import Resolver from '@forge/resolver';
import { getJumpInfo } from '../jump/jumpInfo';
import type { JumpInfoResult } from '../jump/contract';
import { JUMP_MESSAGES } from '../jump/messages';
import { isConsentRequired } from '../jira/client';
import { log } from '../shared/log';

interface JumpContext {
  accountId?: string;
  extension?: { issue?: { key?: unknown } };
}

const resolver = new Resolver().define('getJumpInfo', async ({ context }: { context: JumpContext }): Promise<JumpInfoResult> => {
  if (!context.accountId) return { ok: false, error: { code: 'ERROR', message: JUMP_MESSAGES.noUser } };
  try {
    return await getJumpInfo(context.extension?.issue?.key);
  } catch (error) {
    // The user has not allowed the app yet: Jira shows its "Allow access" prompt for this error only.
    if (isConsentRequired(error)) throw error;
    log.error('jump.resolver.failed', { error });
    return { ok: false, error: { code: 'ERROR', message: JUMP_MESSAGES.unexpected } };
  }
});

export const jumpResolver = resolver.getDefinitions();
