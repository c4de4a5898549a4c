import type { ReactNode } from 'react';
import { HelperMessage } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Toggle from '@atlaskit/toggle';
import './ToggleField.css';

type Props = {
  id: string;
  label: string;
  isChecked: boolean;
  onChange: (checked: boolean) => void;
  helper?: ReactNode;
  /** Shown after the label, outside it (e.g. a "Recommended" lozenge). */
  elementAfterLabel?: ReactNode;
};

/** An on/off setting: a toggle (a checkbox named by `label`) with its label to the right. */
export function ToggleField({ id, label, isChecked, onChange, helper, elementAfterLabel }: Props) {
  const helperId = helper ? `${id}-helper` : undefined;
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center">
        <span className="toggle-field">
          <Toggle id={id} isChecked={isChecked} onChange={(event) => onChange(event.target.checked)} descriptionId={helperId} />
        </span>
        <label htmlFor={id}>
          <Text weight="medium">{label}</Text>
        </label>
        {elementAfterLabel}
      </Inline>
      {helper && (
        <div id={helperId}>
          <HelperMessage>{helper}</HelperMessage>
        </div>
      )}
    </Stack>
  );
}
