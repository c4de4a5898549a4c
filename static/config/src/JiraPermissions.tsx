import { Stack, xcss } from '@atlaskit/primitives';
import { Check } from './Check';
import type { Health } from './types';

const listStyles = xcss({ paddingInlineStart: 'space.0', marginBlock: 'space.0' });

/** The Jira permissions the app needs: ✓ granted or ✗ missing, with what each is for. */
export function JiraPermissions({ permissions }: { permissions: Health['jiraPermissions'] }) {
  return (
    <Stack as="ul" space="space.050" xcss={listStyles}>
      {permissions.map((permission) => (
        <li key={permission.key} style={{ listStyle: 'none', margin: 0 }}>
          <Check ok={permission.granted} label={`${permission.label}${permission.granted ? '' : ' (missing)'}`} />
        </li>
      ))}
    </Stack>
  );
}
