import type { ReactNode } from 'react';
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';

/** Props a field's control must spread to be labelled and described. */
type ControlProps = {
  id: string;
  'aria-describedby'?: string;
  isInvalid: boolean;
};

type Props = {
  id: string;
  label: string;
  isRequired?: boolean;
  helper?: ReactNode;
  error?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A label above a control, with its helper text and error message wired to it. */
export function FormField({ id, label, isRequired = false, helper, error, children }: Props) {
  const helperId = helper ? `${id}-helper` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helperId].filter(Boolean).join(' ') || undefined;
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>
        {label}
        {isRequired && <RequiredAsterisk />}
      </Label>
      {children({ id, 'aria-describedby': describedBy, isInvalid: Boolean(error) })}
      {error && (
        <div id={errorId}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
      {helper && (
        <div id={helperId}>
          <HelperMessage>{helper}</HelperMessage>
        </div>
      )}
    </Stack>
  );
}
