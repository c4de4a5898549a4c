/** Words the Jump to Asset dialog shows (one place, so the dialog and its tests agree). */
import type { JumpMode } from '../../jump/contract';

export const MODE_LABELS: Record<JumpMode, { name: string; description: string }> = {
  web: { name: 'Web access console', description: 'Opens the PRA web access console in a new tab' },
  desktop: { name: 'Access Console', description: 'Downloads a session file that opens the PRA Access Console' },
};

const JUMP_ITEM_TYPES: Record<string, string> = {
  'remote-rdp': 'RDP',
  'remote-vnc': 'VNC',
  'shell-jump': 'Shell Jump',
  'protocol-tunnel-jump': 'Protocol Tunnel',
  'web-jump': 'Web Jump',
  'local-jump': 'Local Jump',
  'remote-jump': 'Remote Jump',
  'jump-client': 'Jump Client',
};

export const jumpItemTypeLabel = (type: string): string => JUMP_ITEM_TYPES[type] ?? type;

export const ERROR_TITLES: Record<string, string> = {
  DISABLED: 'The BeyondTrust PRA integration is disabled',
  NOT_CONFIGURED: 'The BeyondTrust PRA integration is not configured',
  NOT_FOUND: 'Issue not available',
  FIELD_MISSING: 'Asset field not found on this issue',
  FIELD_EMPTY: 'No asset on this ticket',
  FIELD_UNSUPPORTED: 'The asset field cannot be used',
  ASSETS_UNAVAILABLE: 'The asset could not be read',
  ERROR: 'Jump to Asset is not available',
};
