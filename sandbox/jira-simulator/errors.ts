/** Jira's error body shape (`{errorMessages, errors}`) and the control API's error type. */
import { HttpError } from '../shared/http';

export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): HttpError {
  return new HttpError(status, { errorMessages, errors });
}

const ISSUE_NOT_FOUND_MESSAGE = 'Issue does not exist or you do not have permission to see it.';

export const issueNotFound = (): HttpError => jiraError(404, [ISSUE_NOT_FOUND_MESSAGE]);

/** A control API error: answered as `{error}` over HTTP, thrown with a readable message to typed callers. */
export class ControlError extends HttpError {
  constructor(status: number, message: string) {
    super(status, { error: message });
    this.message = message;
  }
}
