import { Stack, Text } from '@atlaskit/primitives';

/** A few short lines of text, one under the other. */
export function Lines({ lines }: { lines: string[] }) {
  return (
    <Stack space="space.025">
      {lines.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
    </Stack>
  );
}
