/** Messages a module frame (UI Kit page or Custom UI) sends to the console page around it. */
export const FRAME_MESSAGE_SOURCE = 'sandbox-module-frame';

export type FrameMessageBody = { type: 'resize'; height: number } | { type: 'close' };
export type FrameMessage = FrameMessageBody & { source: typeof FRAME_MESSAGE_SOURCE };

export function postToParent(message: FrameMessageBody): void {
  if (window.parent !== window) window.parent.postMessage({ source: FRAME_MESSAGE_SOURCE, ...message }, window.location.origin);
}

export function isFrameMessage(data: unknown): data is FrameMessage {
  return !!data && typeof data === 'object' && (data as { source?: unknown }).source === FRAME_MESSAGE_SOURCE;
}
