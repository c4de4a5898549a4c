import type { FormEvent } from 'react';
import Textfield from '@atlaskit/textfield';
import type { Draft } from './draft';
import { FormField } from './FormField';
import { Section } from './Section';
import { ToggleField } from './ToggleField';
import type { FieldErrors, FieldName } from './types';
import { CHANGE_WINDOW_GRACE_LIMIT } from './validation';

type ChangeWindowField =
  | 'requireChangeWindow'
  | 'changeWindowStartField'
  | 'changeWindowEndField'
  | 'changeWindowIssueTypes'
  | 'changeWindowGraceMinutes'
  | 'changeWindowStatuses';

/** Labels and control ids of the change-window settings, in page order (merged into the form's FIELDS). */
export const CHANGE_WINDOW_FIELDS: Record<ChangeWindowField & FieldName, { label: string; id?: string }> = {
  requireChangeWindow: { label: 'Require change window' },
  changeWindowStartField: { label: 'Planned start field', id: 'change-window-start-field' },
  changeWindowEndField: { label: 'Planned end field', id: 'change-window-end-field' },
  changeWindowIssueTypes: { label: 'Issue types with a change window', id: 'change-window-issue-types' },
  changeWindowGraceMinutes: { label: 'Grace period (minutes)', id: 'change-window-grace-minutes' },
  changeWindowStatuses: { label: 'Statuses in which access is allowed', id: 'change-window-statuses' },
};

type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

type Props = {
  draft: Draft;
  errors: FieldErrors;
  set<K extends keyof Draft>(key: K, value: Draft[K]): void;
  bindText(key: TextKey): { name: string; value: string; onChange: (event: FormEvent<HTMLInputElement>) => void };
};

/** Change windows (issue 15): approval only within a change's planned window, and what imports say about it. */
export function ChangeWindowSettings({ draft, errors, set, bindText }: Props) {
  const F = CHANGE_WINDOW_FIELDS;
  return (
    <Section
      title="Change windows"
      description="Approve access for change tickets only within their planned window (the dates the change calendar shows). Imported sessions and the ticket panel then say whether a session ran inside it."
    >
      <ToggleField
        id="require-change-window"
        label={F.requireChangeWindow.label}
        isChecked={draft.requireChangeWindow}
        onChange={(checked) => set('requireChangeWindow', checked)}
        helper="After the other checks pass, a ticket of the issue types below is approved only between its planned start and end (with the grace period), in UTC. Other issue types are approved as before."
      />
      <FormField
        id="change-window-start-field"
        label={F.changeWindowStartField.label}
        error={errors.changeWindowStartField}
        helper="The date-time field with the planned start, exactly as Jira names it. Leave both fields empty to use Planned start / Planned end, or else Change start date / Change completion date."
      >
        {(control) => <Textfield {...control} {...bindText('changeWindowStartField')} placeholder="Planned start" autoComplete="off" />}
      </FormField>
      <FormField id="change-window-end-field" label={F.changeWindowEndField.label} error={errors.changeWindowEndField} helper="The date-time field with the planned end.">
        {(control) => <Textfield {...control} {...bindText('changeWindowEndField')} placeholder="Planned end" autoComplete="off" />}
      </FormField>
      <FormField
        id="change-window-issue-types"
        label={F.changeWindowIssueTypes.label}
        error={errors.changeWindowIssueTypes}
        helper="Comma-separated issue type names (default Change)."
      >
        {(control) => <Textfield {...control} {...bindText('changeWindowIssueTypes')} autoComplete="off" />}
      </FormField>
      <FormField
        id="change-window-grace-minutes"
        label={F.changeWindowGraceMinutes.label}
        error={errors.changeWindowGraceMinutes}
        helper={`Minutes allowed before the planned start and after the planned end. 0 to ${CHANGE_WINDOW_GRACE_LIMIT}.`}
      >
        {(control) => (
          <Textfield
            {...control}
            {...bindText('changeWindowGraceMinutes')}
            type="number"
            min={0}
            max={CHANGE_WINDOW_GRACE_LIMIT}
            step={1}
            inputMode="numeric"
            width="small"
          />
        )}
      </FormField>
      <FormField
        id="change-window-statuses"
        label={F.changeWindowStatuses.label}
        error={errors.changeWindowStatuses}
        helper="Comma-separated, for example Implementing. Empty: any active status."
      >
        {(control) => <Textfield {...control} {...bindText('changeWindowStatuses')} placeholder="Any active status" autoComplete="off" />}
      </FormField>
    </Section>
  );
}
