import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';

/** What an import action (Retry, Import again, Import) did, or why it could not. */
export type ActionOutcome = { ok: boolean; message: string };

/** The result of the last action, announced as a status. */
export function ActionMessage({ outcome }: { outcome: ActionOutcome | undefined }) {
  return (
    <div role="status">
      {outcome && (
        <SectionMessage
          appearance={outcome.ok ? 'success' : 'error'}
          title={outcome.ok ? 'Import queued' : 'The import was not queued'}
          headingLevel="h3"
        >
          <Text as="p">{outcome.message}</Text>
        </SectionMessage>
      )}
    </div>
  );
}
