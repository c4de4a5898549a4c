import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from './types';

/** What a part of the page loaded. While it loads again, the previous data stays on show (`refreshing`). */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'ready'; data: T; refreshing: boolean };

/**
 * Calls `load` once on mount and again on `reload()`. Only the answer to the latest call is kept, so
 * a slow earlier answer cannot overwrite a newer one. `update` changes the loaded data in place (e.g. to
 * append a further page). `load` must be a stable function.
 */
export function useLoad<T extends object>(load: () => Promise<Result<T>>) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setState((current) => (current.status === 'ready' ? { ...current, refreshing: true } : { status: 'loading' }));
    const result = await load();
    if (call !== latest.current) return;
    setState(result.ok ? { status: 'ready', data: result, refreshing: false } : { status: 'failed', error: result.error });
  }, [load]);

  const update = useCallback((change: (data: T) => T) => {
    setState((current) => (current.status === 'ready' ? { ...current, data: change(current.data) } : current));
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload, update };
}

/** Whether a load is running: the first one, or a reload while the previous data is shown. */
export function isBusy(state: Loaded<unknown>): boolean {
  return state.status === 'loading' || (state.status === 'ready' && state.refreshing);
}
