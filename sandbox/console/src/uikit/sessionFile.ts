/**
 * Access Console mode: the Jump link downloads a `.brcs-pra` session file that would open the desktop
 * Access Console. The sandbox offers the equivalent: fetch the link (PRA records the Jump request, as when
 * the file is downloaded), then open the simulated Access Console on that request.
 */
import { getJson } from '../shared/http';

export async function openInAccessConsole(href: string): Promise<void> {
  // Opened at once (a window opened after an await counts as a popup), pointed at the request below.
  const tab = window.open('about:blank', '_blank');
  const response = await fetch(href);
  if (!response.ok) {
    tab?.close();
    throw new Error(`The Jump link answered HTTP ${response.status}`);
  }
  await response.arrayBuffer();
  const requests = await getJson<Array<{ id: string; type: string }>>('/pra/__sim/client-script/requests');
  const latest = [...requests].reverse().find((r) => r.type === 'rep');
  const target = latest ? `/pra/console?jump=${encodeURIComponent(latest.id)}` : '/pra/console';
  if (tab) tab.location.href = target;
  else window.location.href = target;
}
