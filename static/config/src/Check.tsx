import { Inline, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { VisuallyHidden } from './VisuallyHidden';

const OK_COLOR = token('color.icon.success', '#6A9A23');
const MISSING_COLOR = token('color.icon.danger', '#C9372C');

/** ✓ or ✗ before a label; assistive technology hears "Yes:" or "No:" instead of the mark. */
export function Check({ ok, label }: { ok: boolean; label: string }) {
  return (
    <Inline space="space.075" alignBlock="center">
      <span aria-hidden="true" style={{ color: ok ? OK_COLOR : MISSING_COLOR, fontWeight: 700 }}>
        {ok ? '✓' : '✗'}
      </span>
      <Text>
        <VisuallyHidden>{ok ? 'Yes: ' : 'No: '}</VisuallyHidden>
        {label}
      </Text>
    </Inline>
  );
}
