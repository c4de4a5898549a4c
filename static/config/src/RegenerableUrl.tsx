import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { CopyField } from './CopyField';
import { VisuallyHidden } from './VisuallyHidden';

type Props = {
  id: string;
  label: string;
  value: string;
  /** Where the URL goes in PRA, e.g. "Management > Outbound Events > URL". */
  where: string;
  /** What breaks until PRA has the new URL. */
  consequence: string;
  isDisabled: boolean;
  /** Resolves when the new URL is shown (or the failure is reported by the page). */
  onRegenerate: () => Promise<void>;
};

/** An integration URL with Copy and Regenerate; regenerating asks for confirmation in the page first. */
export function RegenerableUrl({ id, label, value, where, consequence, isDisabled, onRegenerate }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);

  async function confirm() {
    setWorking(true);
    await onRegenerate();
    setWorking(false);
    setConfirming(false);
  }

  return (
    <Stack space="space.150">
      <CopyField id={id} label={label} value={value} where={`Paste it in PRA /login at ${where}.`}>
        {!confirming && (
          <Button onClick={() => setConfirming(true)} isDisabled={isDisabled}>
            Regenerate<VisuallyHidden> {label}</VisuallyHidden>
          </Button>
        )}
      </CopyField>
      {confirming && (
        <SectionMessage appearance="warning" title={`Regenerate the ${label}?`} headingLevel="h3">
          <Stack space="space.150">
            <Text as="p">
              The current URL stops working as soon as the new one is generated. Replace it in PRA at {where},
              otherwise {consequence}.
            </Text>
            <Inline space="space.100">
              <Button appearance="warning" onClick={confirm} isLoading={working} isDisabled={isDisabled && !working}>
                Yes, regenerate
              </Button>
              <Button appearance="subtle" onClick={() => setConfirming(false)} isDisabled={working} autoFocus>
                Cancel
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      )}
    </Stack>
  );
}
