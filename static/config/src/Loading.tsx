import { Box, Inline, Text } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';

/** A spinner with a line of text, announced as a status, e.g. "Loading configuration…". */
export function Loading({ text }: { text: string }) {
  return (
    <Box paddingBlock="space.200" role="status">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" />
        <Text>{text}</Text>
      </Inline>
    </Box>
  );
}
