/** Consumer of the approval follow-up queue: the ticket comment for a decision, or trimming the audit log. */
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { runFollowUp, type FollowUpJob } from '../approval/followUp';

export async function approvalFollowUpConsumer(event: AsyncEvent<FollowUpJob>): Promise<InvocationError | undefined> {
  const result = await runFollowUp(event.body, { retry: (event.retryContext?.retryCount ?? 0) > 0 });
  if (result.kind === 'retry') {
    return new InvocationError({
      retryAfter: result.afterSeconds,
      retryReason: result.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    });
  }
  return undefined;
}
