import { useId, type ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';

const sectionStyles = xcss({
  paddingBlockStart: 'space.300',
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
});

type Props = { title: string; description?: ReactNode; children: ReactNode };

/** A titled group of settings (an `h2` region). */
export function Section({ title, description, children }: Props) {
  const headingId = useId();
  return (
    <Box as="section" aria-labelledby={headingId} xcss={sectionStyles}>
      <Stack space="space.200">
        <Stack space="space.050">
          <Heading size="medium" as="h2" id={headingId}>
            {title}
          </Heading>
          {description && (
            <Text as="p" color="color.text.subtle">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Box>
  );
}
