/**
 * Copies `text` to the clipboard. The async Clipboard API can be blocked inside the Jira iframe (no
 * clipboard-write permission), so it falls back to selecting `fallbackTarget` and `execCommand('copy')`.
 */
export async function copyText(text: string, fallbackTarget: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Blocked by the permissions policy or the document is not focused: try the fallback.
  }
  if (!fallbackTarget) return false;
  fallbackTarget.focus();
  fallbackTarget.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
