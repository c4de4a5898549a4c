import { useEffect, useRef, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { copyText } from './clipboard';
import { VisuallyHidden } from './VisuallyHidden';

const STATUS_VISIBLE_MS = 4000;
/** Rough characters per line at the page's width, to size the box so the whole value shows. */
const CHARS_PER_ROW = 72;

const valueStyle: React.CSSProperties = {
  boxSizing: 'border-box',
  width: '100%',
  resize: 'none',
  overflowWrap: 'anywhere',
  wordBreak: 'break-all',
  font: token('font.code', '0.875em/1 ui-monospace, Menlo, "Segoe UI Mono", "Ubuntu Mono", monospace'),
  lineHeight: '20px',
  color: token('color.text', '#292A2E'),
  backgroundColor: token('color.background.neutral.subtle', '#F8F8F8'),
  border: `${token('border.width', '1px')} solid ${token('color.border', '#0B120E24')}`,
  borderRadius: token('radius.small', '4px'),
  padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`,
};

type Props = {
  id: string;
  /** Visible label and accessible name of the read-only value, e.g. "Outbound Event URL". */
  label: string;
  value: string;
  /** Where the value goes in PRA. */
  where: ReactNode;
  /** Further actions shown after the Copy button. */
  children?: ReactNode;
};

/**
 * A read-only value shown in full with a Copy button. The button reads "Copy" and is named
 * "Copy <label>" for assistive technology; the result ("Copied") is announced in a status line.
 */
export function CopyField({ id, label, value, where, children }: Props) {
  const valueRef = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (!status) return undefined;
    const timer = window.setTimeout(() => setStatus(''), STATUS_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [status]);

  async function onCopy() {
    const copied = await copyText(value, valueRef.current);
    setStatus(copied ? 'Copied' : 'Could not copy: select the text and copy it manually');
  }

  const helperId = `${id}-where`;
  return (
    <Stack space="space.075">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        ref={valueRef}
        readOnly
        rows={Math.max(1, Math.ceil(value.length / CHARS_PER_ROW))}
        value={value}
        aria-describedby={helperId}
        spellCheck={false}
        style={valueStyle}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div id={helperId}>
        <HelperMessage>{where}</HelperMessage>
      </div>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Button onClick={onCopy}>
          Copy<VisuallyHidden> {label}</VisuallyHidden>
        </Button>
        {children}
        <span role="status">{status && <Text color="color.text.subtle">{status}</Text>}</span>
      </Inline>
    </Stack>
  );
}
