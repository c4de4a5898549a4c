/**
 * Who you are in the console: a Jira user for the issue view (Alex Rivera by default), a Jira admin for the
 * configuration page (Morgan Lee by default), and a PRA user in the PRA pages (by default the same person
 * as the Jira user). Remembered in localStorage.
 */
import { useCallback, useEffect, useState } from 'react';
import { sandboxApi, type Person } from './sandboxApi';

export type Seat = 'jira' | 'admin';

const STORAGE: Record<Seat | 'pra', string> = { jira: 'sandbox.jiraUser', admin: 'sandbox.adminUser', pra: 'sandbox.praUser' };
const DEFAULT_ROLE: Record<Seat, string> = { jira: 'technician', admin: 'admin' };

let peoplePromise: Promise<Person[]> | undefined;
export const loadPeople = (): Promise<Person[]> => (peoplePromise ??= sandboxApi.people());

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** A `?as=<accountId or PRA username>` query parameter picks the user for this page (handy in links and tests). */
function fromQuery(): string | null {
  return new URLSearchParams(window.location.search).get('as');
}

export function useJiraUser(seat: Seat): { people: Person[]; user: Person | undefined; setUser(accountId: string): void } {
  const [people, setPeople] = useState<Person[]>([]);
  const [accountId, setAccountId] = useState<string | null>(fromQuery() ?? stored(STORAGE[seat]));
  useEffect(() => {
    void loadPeople().then(setPeople);
  }, []);
  const setUser = useCallback(
    (id: string) => {
      store(STORAGE[seat], id);
      if (seat === 'jira') store(STORAGE.pra, '');
      setAccountId(id);
    },
    [seat],
  );
  const user = people.find((p) => p.accountId === accountId) ?? people.find((p) => p.role === DEFAULT_ROLE[seat]);
  return { people, user, setUser };
}

/** The PRA username: chosen in the PRA pages, else the current Jira user's, else `arivera`. */
export function usePraUser(): { username: string; setUsername(username: string): void } {
  const [username, setState] = useState<string>(fromQuery() ?? (stored(STORAGE.pra) || ''));
  useEffect(() => {
    if (username) return;
    void loadPeople().then((people) => {
      const jiraId = stored(STORAGE.jira);
      const person = people.find((p) => p.accountId === jiraId) ?? people.find((p) => p.role === 'technician');
      setState(person?.praUsername ?? 'arivera');
    });
  }, [username]);
  return {
    username,
    setUsername(value) {
      store(STORAGE.pra, value);
      setState(value);
    },
  };
}
