/**
 * The comment property the app puts on every comment it writes for a session:
 * `{ lsid, generation, part, parts }`. It finds a write whose acknowledgement was lost, and tells the
 * app's own comments of an earlier import apart from anything a person wrote.
 */
export const COMMENT_MARKER_KEY = 'beyondtrust-pra-session';

export interface CommentMarker {
  lsid: string;
  generation: number;
  part: number;
  parts: number;
}
