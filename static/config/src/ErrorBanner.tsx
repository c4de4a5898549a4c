import type { ReactNode } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';

type Props = {
  title: string;
  message: string;
  /** Extra lines, e.g. errors that belong to no field on the page. */
  items?: string[];
  /** E.g. a "Try again" button. */
  action?: ReactNode;
};

/** A page- or form-level error. */
export function ErrorBanner({ title, message, items = [], action }: Props) {
  return (
    <SectionMessage appearance="error" title={title} headingLevel="h2">
      <Stack space="space.100">
        <Text as="p">{message}</Text>
        {items.length > 0 && (
          <ul>
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
        {action}
      </Stack>
    </SectionMessage>
  );
}
