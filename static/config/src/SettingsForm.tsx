import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { fromDraft, toDraft, type Draft } from './draft';
import { ErrorBanner } from './ErrorBanner';
import { FormField } from './FormField';
import { Section } from './Section';
import { ToggleField } from './ToggleField';
import { CHANGE_WINDOW_FIELDS, ChangeWindowSettings } from './ChangeWindowSettings';
import type { ConfigView, FieldErrors, FieldName, Settings } from './types';
import { RECORDING_MAX_MB_LIMIT, validateSettings } from './validation';

/** Why the server refused to save. */
export type SaveRejection = { message: string; fieldErrors: FieldErrors };

type Props = {
  view: ConfigView;
  saving: boolean;
  testing: boolean;
  /** Another action is running: Save and Test connection are disabled. */
  busy: boolean;
  /** Resolves with the server's reasons when the settings were refused as invalid. */
  onSave: (settings: Settings, clientSecret: string) => Promise<SaveRejection | undefined>;
  onTest: () => void;
  /** The settings were refused (here or by the server): the result of an earlier save no longer applies. */
  onRejected: () => void;
};

type Option = { label: string; value: string };
type TextKey = {
  [K in keyof Draft]: Draft[K] extends string ? K : never;
}[keyof Draft];

/** Every field, in page order: its label, and the id of its control when it can show an error. */
const FIELDS: Record<FieldName, { label: string; id?: string }> = {
  enabled: { label: 'Enable Integration' },
  hostName: { label: 'Host Name', id: 'host-name' },
  clientId: { label: 'Client ID', id: 'client-id' },
  clientSecret: { label: 'Client Secret', id: 'client-secret' },
  assetFieldName: { label: 'Asset Field Name', id: 'asset-field-name' },
  useWebConsole: { label: 'Use Web Rep Console for Jump To' },
  autoAssociateUser: { label: 'Auto Associate With User' },
  excludedEventTypes: { label: 'Events to Exclude', id: 'excluded-event-types' },
  attachRecordings: { label: 'Attach session recordings' },
  recordingMaxMb: { label: 'Largest recording to attach (MB)', id: 'recording-max-mb' },
  requireAssetMatch: { label: 'Require asset match for endpoint approval' },
  commentOnApproval: { label: 'Add a comment to the ticket for each approval decision' },
  inactiveStatusNames: { label: 'Statuses that count as inactive', id: 'inactive-status-names' },
  inactiveResolutionNames: { label: 'Resolutions that count as inactive', id: 'inactive-resolution-names' },
  ...CHANGE_WINDOW_FIELDS,
};

function fieldFor(key: string): { label: string; id?: string } | undefined {
  return Object.hasOwn(FIELDS, key) ? FIELDS[key as FieldName] : undefined;
}

/** The settings, grouped as in the product documentation, with Save and Test connection. */
export function SettingsForm({ view, saving, testing, busy, onSave, onTest, onRejected }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
    setSummary(null);
  }

  function bindText(key: TextKey) {
    return {
      name: key,
      value: draft[key],
      onChange: (event: FormEvent<HTMLInputElement>) => set(key, event.currentTarget.value),
    };
  }

  function reject(fieldErrors: FieldErrors, message: string) {
    onRejected();
    setErrors(fieldErrors);
    setSummary(message);
    const first = Object.keys(FIELDS).find((key) => fieldErrors[key] && fieldFor(key)?.id);
    if (first) document.getElementById(fieldFor(first)?.id ?? '')?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const { settings, clientSecret } = fromDraft(draft);
    const clientErrors = validateSettings(settings, clientSecret, view.clientSecretSet, view.settings.hostName);
    if (Object.keys(clientErrors).length > 0) {
      reject(clientErrors, 'Correct the highlighted fields and save again.');
      return;
    }
    setErrors({});
    setSummary(null);
    const rejection = await onSave(settings, clientSecret);
    if (rejection) reject(rejection.fieldErrors, rejection.message);
  }

  const eventOptions = toOptions([...new Set([...view.eventTypeOptions, ...draft.excludedEventTypes])]);
  const unplacedErrors = Object.entries(errors).flatMap(([key, message]) =>
    message && !fieldFor(key)?.id ? [`${fieldFor(key)?.label ?? key}: ${message}`] : [],
  );
  const secretRequired = draft.enabled && !view.clientSecretSet;

  return (
    <form noValidate onSubmit={submit} aria-label="PRA integration settings">
      <Stack space="space.400">
        <Section
          title="Connection"
          description="The PRA appliance and the OAuth API account this app uses (PRA /login: Management > API Configuration)."
        >
          <ToggleField
            id="enabled"
            label={FIELDS.enabled.label}
            isChecked={draft.enabled}
            onChange={(checked) => set('enabled', checked)}
            helper="Master switch for Jump to Asset, session import and endpoint approval."
          />
          <FormField
            id="host-name"
            label={FIELDS.hostName.label}
            isRequired={draft.enabled}
            error={errors.hostName}
            helper="The PRA appliance host name only, without https:// or a path."
          >
            {(control) => (
              <Textfield
                {...control}
                {...bindText('hostName')}
                isRequired={draft.enabled}
                placeholder="pra.yourcompany.com"
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </FormField>
          <FormField
            id="client-id"
            label={FIELDS.clientId.label}
            isRequired={draft.enabled}
            error={errors.clientId}
            helper="The OAuth Client ID of the PRA API account."
          >
            {(control) => (
              <Textfield {...control} {...bindText('clientId')} isRequired={draft.enabled} autoComplete="off" spellCheck={false} />
            )}
          </FormField>
          <FormField
            id="client-secret"
            label={FIELDS.clientSecret.label}
            isRequired={secretRequired}
            error={errors.clientSecret}
            helper={
              view.clientSecretSet
                ? 'A client secret is stored. Leave this blank to keep it, or enter a new one to replace it.'
                : 'No client secret is stored yet. Enter the OAuth Client Secret of the PRA API account.'
            }
          >
            {(control) => (
              <Textfield
                {...control}
                {...bindText('clientSecret')}
                type="password"
                isRequired={secretRequired}
                placeholder={view.clientSecretSet ? 'Stored (leave blank to keep)' : 'Not set'}
                autoComplete="new-password"
              />
            )}
          </FormField>
          <FormField
            id="asset-field-name"
            label={FIELDS.assetFieldName.label}
            isRequired={draft.enabled}
            error={errors.assetFieldName}
            helper="The Jira field that holds the ticket's asset; must match the Jira field name exactly (e.g. Assets, Asset Name, Configuration Items)."
          >
            {(control) => (
              <Textfield {...control} {...bindText('assetFieldName')} isRequired={draft.enabled} placeholder="Assets" autoComplete="off" />
            )}
          </FormField>
        </Section>

        <Section title="Jump to Asset">
          <ToggleField
            id="use-web-console"
            label={FIELDS.useWebConsole.label}
            isChecked={draft.useWebConsole}
            onChange={(checked) => set('useWebConsole', checked)}
            elementAfterLabel={<Lozenge appearance="success">Recommended</Lozenge>}
            helper="Open sessions in the PRA web console in a browser tab, instead of downloading a session file for the Access Console."
          />
        </Section>

        <Section title="Session import" description="What is written to the ticket when a PRA session linked to it ends.">
          <ToggleField
            id="auto-associate-user"
            label={FIELDS.autoAssociateUser.label}
            isChecked={draft.autoAssociateUser}
            onChange={(checked) => set('autoAssociateUser', checked)}
            helper="Set the ticket's assignee to the session's primary representative."
          />
          <FormField
            id="excluded-event-types"
            label={FIELDS.excludedEventTypes.label}
            error={errors.excludedEventTypes}
            helper="Session event types that are not imported into Jira. None are excluded by default."
          >
            {({ id, isInvalid, 'aria-describedby': describedBy }) => (
              <Select<Option, true>
                inputId={id}
                isMulti
                isInvalid={isInvalid}
                descriptionId={describedBy}
                options={eventOptions}
                value={toOptions(draft.excludedEventTypes)}
                onChange={(selected) =>
                  set(
                    'excludedEventTypes',
                    selected.map((option) => option.value),
                  )
                }
                placeholder="No events excluded"
              />
            )}
          </FormField>
          <ToggleField
            id="attach-recordings"
            label={FIELDS.attachRecordings.label}
            isChecked={draft.attachRecordings}
            onChange={(checked) => set('attachRecordings', checked)}
            helper="Attach the session's recordings to the ticket as files."
          />
          <FormField
            id="recording-max-mb"
            label={FIELDS.recordingMaxMb.label}
            error={errors.recordingMaxMb}
            helper={`Recordings larger than this are not attached. 1 to ${RECORDING_MAX_MB_LIMIT} MB.`}
          >
            {(control) => (
              <Textfield
                {...control}
                {...bindText('recordingMaxMb')}
                type="number"
                min={1}
                max={RECORDING_MAX_MB_LIMIT}
                step={1}
                inputMode="numeric"
                width="small"
              />
            )}
          </FormField>
        </Section>

        <Section
          title="Endpoint approval"
          description="How tickets are checked when PRA asks for approval of a Jump (Jump Policies with a Ticket System)."
        >
          <ToggleField
            id="require-asset-match"
            label={FIELDS.requireAssetMatch.label}
            isChecked={draft.requireAssetMatch}
            onChange={(checked) => set('requireAssetMatch', checked)}
            helper="Deny access unless the Jump Item's computer name matches the ticket's asset (case-insensitive)."
          />
          <ToggleField
            id="comment-on-approval"
            label={FIELDS.commentOnApproval.label}
            isChecked={draft.commentOnApproval}
            onChange={(checked) => set('commentOnApproval', checked)}
            helper="Record every approval and denial, with its reason, as a comment on the ticket."
          />
          <FormField
            id="inactive-status-names"
            label={FIELDS.inactiveStatusNames.label}
            error={errors.inactiveStatusNames}
            helper="Comma-separated. Access is denied for tickets in these statuses."
          >
            {(control) => <Textfield {...control} {...bindText('inactiveStatusNames')} autoComplete="off" />}
          </FormField>
          <FormField
            id="inactive-resolution-names"
            label={FIELDS.inactiveResolutionNames.label}
            error={errors.inactiveResolutionNames}
            helper="Comma-separated. Access is denied for tickets with these resolutions."
          >
            {(control) => <Textfield {...control} {...bindText('inactiveResolutionNames')} autoComplete="off" />}
          </FormField>
        </Section>

        <ChangeWindowSettings draft={draft} errors={errors} set={set} bindText={bindText} />

        <Stack space="space.200">
          {summary !== null && (
            <ErrorBanner title="Configuration not saved" message={summary} items={unplacedErrors} />
          )}
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isLoading={saving} isDisabled={busy}>
              Save
            </Button>
            <Button onClick={onTest} isLoading={testing} isDisabled={busy}>
              Test connection
            </Button>
          </Inline>
        </Stack>
      </Stack>
    </form>
  );
}

function toOptions(values: readonly string[]): Option[] {
  return values.map((value) => ({ label: value, value }));
}
