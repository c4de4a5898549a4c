import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Box } from '@atlaskit/primitives';
import { FORBIDDEN } from './api';
import { ErrorBanner } from './ErrorBanner';
import { Loading } from './Loading';
import type { Loaded } from './useLoad';

type Props<T> = {
  state: Loaded<T>;
  /** What is loaded, for "Loading <what>…" and "Could not load the <what>". */
  what: string;
  onRetry: () => void;
  children: (data: T) => ReactNode;
};

/** A part of the page that is loaded: a spinner, then its content, or the failure with "Try again". */
export function Loadable<T>({ state, what, onRetry, children }: Props<T>) {
  if (state.status === 'loading') return <Loading text={`Loading ${what}…`} />;
  if (state.status === 'ready') return <>{children(state.data)}</>;
  if (state.error.code === FORBIDDEN) return <ErrorBanner title="Jira administrators only" message={state.error.message} />;
  return (
    <ErrorBanner
      title={`Could not load the ${what}`}
      message={state.error.message}
      action={
        <Box>
          <Button onClick={onRetry}>Try again</Button>
        </Box>
      }
    />
  );
}
