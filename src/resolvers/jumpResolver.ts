/** Resolver of the Jump to Asset dialog: placeholder until the Jump to Asset issue lands. */
import Resolver from '@forge/resolver';

export const jumpResolver = new Resolver().define('getJumpInfo', async () => ({ ok: false, error: { code: 'NOT_AVAILABLE', message: 'Not available yet.' } })).getDefinitions();
