import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';

/** One warning message per problem found, or a success message when there is none. */
export function HealthWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) {
    return (
      <SectionMessage appearance="success" title="No problems found" headingLevel="h2">
        <Text as="p">Nothing that the app recorded or checked needs attention.</Text>
      </SectionMessage>
    );
  }
  return (
    <Stack space="space.150">
      {warnings.map((warning) => (
        <SectionMessage key={warning} appearance="warning">
          <Text as="p">{warning}</Text>
        </SectionMessage>
      ))}
    </Stack>
  );
}
