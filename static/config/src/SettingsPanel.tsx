import { useState } from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import { FORBIDDEN, INVALID_INPUT, regenerateUrl, saveConfiguration, validateConfiguration } from './api';
import { ConnectionInUse } from './ConnectionInUse';
import { CustomLink } from './CustomLink';
import { ErrorBanner } from './ErrorBanner';
import { IntegrationUrls } from './IntegrationUrls';
import { SettingsForm, type SaveRejection } from './SettingsForm';
import type { ConfigView, Settings, UrlKind, Validation, ViewResult } from './types';
import { ValidationResult } from './ValidationResult';

type Busy = 'saving' | 'testing' | 'regenerating' | null;

/** What the last action produced, shown under the Save button, and what it is the result of. */
type Outcome = { kind: 'validation'; validation: Validation; caption: string } | { kind: 'error'; title: string; message: string };

const RESULT_CAPTION: Record<Exclude<Busy, null>, string> = {
  saving: 'Result of this save',
  testing: 'Result of this connection test',
  regenerating: 'Result of the last check of the saved settings',
};

const ACTION_FAILED_TITLE: Record<Exclude<Busy, null>, string> = {
  saving: 'Configuration not saved',
  testing: 'Could not test the connection',
  regenerating: 'Could not regenerate the URL',
};

type Props = {
  /** The configuration as loaded with the page. */
  initialView: ConfigView;
  /** An action was refused because the user is not (or no longer) a Jira administrator. */
  onForbidden: (message: string) => void;
};

/** The Settings tab: the form, the result of the last Save or Test, the integration URLs and the custom link. */
export function SettingsPanel({ initialView, onForbidden }: Props) {
  const [view, setView] = useState(initialView);
  /** Changes when the form must start again from the stored settings (after a save). */
  const [revision, setRevision] = useState(0);
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>({
    kind: 'validation',
    validation: initialView.validation,
    caption: 'Result of the last check of the saved settings',
  });

  /** Runs one action; returns the failure when it is INVALID_INPUT (for the form to show). */
  async function run(kind: Exclude<Busy, null>, action: () => Promise<ViewResult>): Promise<SaveRejection | undefined> {
    setBusy(kind);
    if (kind !== 'regenerating') setOutcome(null);
    const result = await action();
    setBusy(null);
    if (result.ok) {
      setView(result.view);
      if (kind === 'saving') setRevision((current) => current + 1);
      setOutcome({ kind: 'validation', validation: result.view.validation, caption: RESULT_CAPTION[kind] });
      return undefined;
    }
    const { error } = result;
    if (error.code === FORBIDDEN) {
      onForbidden(error.message);
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
    <Stack space="space.300">
      <SettingsForm
        key={revision}
        view={view}
        saving={busy === 'saving'}
        testing={busy === 'testing'}
        busy={busy !== null}
        onSave={save}
        onTest={test}
        onRejected={() => setOutcome(null)}
      />
      <div role="status" aria-label="Result of the last save or test">
        {outcome?.kind === 'validation' && <ValidationResult validation={outcome.validation} caption={outcome.caption} />}
        {outcome?.kind === 'error' && <ErrorBanner title={outcome.title} message={outcome.message} />}
      </div>
      {view.connectionInUse && !view.connectionInUse.isSaved && <ConnectionInUse connection={view.connectionInUse} />}
      {view.urls ? (
        <IntegrationUrls urls={view.urls} isDisabled={busy !== null} onRegenerate={regenerate} />
      ) : (
        <Text as="p" color="color.text.subtle">
          Save the configuration to get the Outbound Event URL and the Endpoint Approval URL to paste into PRA.
        </Text>
      )}
      <CustomLink url={view.customLinkUrl} />
    </Stack>
  );
}
