/**
 * Browser-facing addresses: the app builds links to the appliance (`https://pra.example.com/...`) and the
 * Jira site (`https://sandbox.atlassian.net/...`); in the sandbox they are served at `/pra/...` and by the
 * console itself, so every href shown is rewritten.
 */
const origins = { pra: 'https://pra.example.com', site: 'https://sandbox.atlassian.net' };

export function setOrigins(pra: string, site: string): void {
  origins.pra = pra.replace(/\/$/, '');
  origins.site = site.replace(/\/$/, '');
}

export function rewriteHref(href: string | undefined): string {
  if (!href) return '';
  if (href === origins.pra || href.startsWith(`${origins.pra}/`)) return `/pra${href.slice(origins.pra.length) || '/'}`;
  if (href === origins.site || href.startsWith(`${origins.site}/`)) return href.slice(origins.site.length) || '/';
  return href;
}

/** A Jump link in Access Console mode (`type=rep`): it downloads a session file instead of opening a page. */
export function isSessionFileLink(href: string): boolean {
  if (!href.startsWith('/pra/api/client_script')) return false;
  return new URLSearchParams(href.split('?')[1] ?? '').get('type') === 'rep';
}
