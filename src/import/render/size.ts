/** Sizes of ADF as sent: UTF-8 bytes of the compact JSON (never fewer than the characters Jira counts). Pure. */
import type { AdfDoc, AdfNode } from '../../jira/adf';

/** UTF-8 bytes of a document or node as sent. */
export function byteSize(node: AdfNode | AdfDoc): number {
  return Buffer.byteLength(JSON.stringify(node), 'utf8');
}

/** Serialized sizes, remembered per node: the same prebuilt nodes are measured several times while laying out. */
const sizes = new WeakMap<AdfNode, number>();

/** Bytes this node adds to a serialized document (plus the comma that separates siblings). */
export function measure(node: AdfNode): number {
  let size = sizes.get(node);
  if (size === undefined) {
    size = byteSize(node) + 1;
    sizes.set(node, size);
  }
  return size;
}
