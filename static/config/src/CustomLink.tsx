import { CopyField } from './CopyField';
import { Section } from './Section';

/** The suggested PRA custom link that opens a session's Jira ticket from the Access Console. */
export function CustomLink({ url }: { url: string }) {
  return (
    <Section
      title="Access Console custom link"
      description="Optional: lets representatives open a session's Jira ticket from the PRA Access Console."
    >
      <CopyField
        id="custom-link-url"
        label="Custom link URL"
        value={url}
        where="Add it in PRA /login at Console Settings > Custom Links (for example, named View Jira Ticket)."
      />
    </Section>
  );
}
