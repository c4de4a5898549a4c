/** Input validation for the typed methods and the control API (one check for both front doors). */
import { z } from 'zod';
import { HttpError } from '../shared/http';

/** A rejected simulator call: carries the HTTP status the control API answers with and a readable message. */
export class SimError extends HttpError {
  constructor(status: number, message: string) {
    super(status, { error: message });
    this.message = message;
    this.name = 'SimError';
  }
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new SimError(400, z.prettifyError(result.error));
  return result.data;
}
