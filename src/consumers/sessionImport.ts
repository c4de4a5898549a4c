/** Consumer of the session-import queue: runs one import and hands any retry back to the platform. */
import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { importSession } from '../import/importSession';
import type { ImportJob } from '../import/importQueue';
import { LSID_PATTERN } from '../import/ledger';
import { log } from '../shared/log';

export async function sessionImportConsumer(event: AsyncEvent<ImportJob>): Promise<InvocationError | undefined> {
  const lsid = event.body?.lsid;
  if (typeof lsid !== 'string' || !LSID_PATTERN.test(lsid)) {
    log.warn('import.consumer.bad-event', { eventId: event.eventId });
    return undefined;
  }
  const result = await importSession(lsid.toLowerCase(), event.body.source ?? 'event');
  if (result.kind === 'retry') {
    return new InvocationError({
      retryAfter: result.afterSeconds,
      retryReason: result.rateLimited ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      retryData: { lsid },
    });
  }
  return undefined;
}
