import type { IntegrationUrls as Urls, UrlKind } from './types';
import { RegenerableUrl } from './RegenerableUrl';
import { Section } from './Section';

type Props = {
  urls: Urls;
  isDisabled: boolean;
  onRegenerate: (which: UrlKind) => Promise<void>;
};

/** The two URLs the admin pastes into PRA, each with Copy and Regenerate. */
export function IntegrationUrls({ urls, isDisabled, onRegenerate }: Props) {
  return (
    <Section
      title="Integration URLs"
      description="Each URL contains a secret token that lets PRA call this app. Share it only with your PRA appliance."
    >
      <RegenerableUrl
        id="outbound-event-url"
        label="Outbound Event URL"
        value={urls.outboundEventUrl}
        where="Management > Outbound Events > URL (send the Access Session End event)"
        consequence="session data is no longer imported into Jira"
        isDisabled={isDisabled}
        onRegenerate={() => onRegenerate('outboundEvent')}
      />
      <RegenerableUrl
        id="endpoint-approval-url"
        label="Endpoint Approval URL"
        value={urls.endpointApprovalUrl}
        where="Jump > Jump Policies > Ticket System URL"
        consequence="Jump Items that require a ticket ID are denied"
        isDisabled={isDisabled}
        onRegenerate={() => onRegenerate('endpointApproval')}
      />
    </Section>
  );
}
