/**
 * The PRA simulator behind `/pra`: the appliance's own absolute URLs (`https://pra.example.com/...`) are
 * what the app puts in Jump links and comments; browsers reach them here. Redirects are rewritten the same
 * way (`Location: https://pra.example.com/console?jump=csr-1` → `/pra/console?jump=csr-1`). Other headers
 * (the configuration API's `Link`) keep the appliance's URLs: only the app follows those, through its host map.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export function rewriteApplianceUrl(value: string, applianceOrigin: string): string {
  return value === applianceOrigin || value.startsWith(`${applianceOrigin}/`) ? `/pra${value.slice(applianceOrigin.length) || '/'}` : value;
}

/** Makes every `Location` header this response is written with point into the `/pra` mount. */
export function rewriteLocationHeaders(res: ServerResponse, applianceOrigin: string): void {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => ServerResponse;
  const patched = (status: number, ...rest: unknown[]): ServerResponse => {
    for (const arg of rest) {
      if (!arg || typeof arg !== 'object' || Array.isArray(arg)) continue;
      const headers = arg as OutgoingHttpHeaders;
      for (const name of Object.keys(headers)) {
        const value = headers[name];
        if (name.toLowerCase() === 'location' && typeof value === 'string') headers[name] = rewriteApplianceUrl(value, applianceOrigin);
      }
    }
    return writeHead(status, ...rest);
  };
  res.writeHead = patched as unknown as ServerResponse['writeHead'];
}
