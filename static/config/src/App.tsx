import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import {
  FORBIDDEN,
  INVALID_INPUT,
  getConfiguration,
  regenerateUrl,
  saveConfiguration,
  validateConfiguration,
} from './api';
import { CustomLink } from './CustomLink';
import { ErrorBanner } from './ErrorBanner';
import { IntegrationUrls } from './IntegrationUrls';
import { SettingsForm, type SaveRejection } from './SettingsForm';
import type { ApiError, ConfigView, Settings, UrlKind, Validation, ViewResult } from './types';
import { ValidationResult } from './ValidationResult';

const pageStyles = xcss({
  maxWidth: '800px',
  paddingBlock: 'space.300',
  paddingInline: 'space.300',
});

type Page =
  | { kind: 'loading' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'forbidden'; message: string }
  /** `revision` changes when the form must start again from the stored settings (load, save). */
  | { kind: 'ready'; view: ConfigView; revision: number };

type Busy = 'saving' | 'testing' | 'regenerating' | null;

/** What the last action produced, shown under the Save button. */
type Outcome = { kind: 'validation'; validation: Validation } | { kind: 'error'; title: string; message: string };

const ACTION_FAILED_TITLE: Record<Exclude<Busy, null>, string> = {
  saving: 'Configuration not saved',
  testing: 'Could not test the connection',
  regenerating: 'Could not regenerate the URL',
};

export function App() {
  const [page, setPage] = useState<Page>({ kind: 'loading' });
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const load = useCallback(async () => {
    setPage({ kind: 'loading' });
    const result = await getConfiguration();
    if (result.ok) {
      setPage({ kind: 'ready', view: result.view, revision: 0 });
      setOutcome({ kind: 'validation', validation: result.view.validation });
    } else if (result.error.code === FORBIDDEN) {
      setPage({ kind: 'forbidden', message: result.error.message });
    } else {
      setPage({ kind: 'failed', error: result.error });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one action; returns the failure when it is INVALID_INPUT (for the form to show). */
  async function run(kind: Exclude<Busy, null>, action: () => Promise<ViewResult>): Promise<SaveRejection | undefined> {
    setBusy(kind);
    if (kind !== 'regenerating') setOutcome(null);
    const result = await action();
    setBusy(null);
    if (result.ok) {
      const { view } = result;
      setPage((current) => {
        const revision = current.kind === 'ready' ? current.revision : 0;
        return { kind: 'ready', view, revision: kind === 'saving' ? revision + 1 : revision };
      });
      setOutcome({ kind: 'validation', validation: view.validation });
      return undefined;
    }
    const { error } = result;
    if (error.code === FORBIDDEN) {
      setPage({ kind: 'forbidden', message: error.message });
      return undefined;
    }
    if (error.code === INVALID_INPUT) {
      return { message: error.message, fieldErrors: result.fieldErrors ?? {} };
    }
    setOutcome({ kind: 'error', title: ACTION_FAILED_TITLE[kind], message: error.message });
    return undefined;
  }

  const save = (settings: Settings, clientSecret: string) => run('saving', () => saveConfiguration(settings, clientSecret));
  const test = () => void run('testing', validateConfiguration);
  const regenerate = async (which: UrlKind) => {
    await run('regenerating', () => regenerateUrl(which));
  };

  return (
    <Box xcss={pageStyles}>
      <Stack space="space.300">
        <Stack space="space.100">
          <Heading size="large" as="h1">
            BeyondTrust Privileged Remote Access
          </Heading>
          <Text as="p" color="color.text.subtle">
            Connect Jira Service Management to your BeyondTrust PRA appliance: launch Jump sessions from tickets,
            import session data into tickets, and check tickets before PRA allows access to a Jump Item.
          </Text>
        </Stack>
        {page.kind === 'loading' && (
          <Box paddingBlock="space.200" role="status">
            <Inline space="space.100" alignBlock="center">
              <Spinner size="medium" />
              <Text>Loading configuration…</Text>
            </Inline>
          </Box>
        )}
        {page.kind === 'failed' && (
          <ErrorBanner
            title="Could not load the configuration"
            message={page.error.message}
            action={
              <Box>
                <Button onClick={() => void load()}>Try again</Button>
              </Box>
            }
          />
        )}
        {page.kind === 'forbidden' && <ErrorBanner title="Jira administrators only" message={page.message} />}
        {page.kind === 'ready' && (
          <>
            <SettingsForm
              key={page.revision}
              view={page.view}
              saving={busy === 'saving'}
              testing={busy === 'testing'}
              busy={busy !== null}
              onSave={save}
              onTest={test}
            />
            <div role="status">
              {outcome?.kind === 'validation' && <ValidationResult validation={outcome.validation} />}
              {outcome?.kind === 'error' && <ErrorBanner title={outcome.title} message={outcome.message} />}
            </div>
            {page.view.urls ? (
              <IntegrationUrls urls={page.view.urls} isDisabled={busy !== null} onRegenerate={regenerate} />
            ) : (
              <Text as="p" color="color.text.subtle">
                Save the configuration to get the Outbound Event URL and the Endpoint Approval URL to paste into PRA.
              </Text>
            )}
            <CustomLink url={page.view.customLinkUrl} />
          </>
        )}
      </Stack>
    </Box>
  );
}
