/** The tree @forge/react's reconciler hands to the bridge (`reconcile` → `{forgeDoc}`), mutated in place on every commit. */
export interface ForgeDoc {
  type: string;
  props: Record<string, any>;
  children: ForgeDoc[];
  key?: string;
}

/** Holds the latest forgeDoc and tells subscribers (the renderer) after each commit. */
export class ForgeDocStore {
  private doc: ForgeDoc | undefined;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  update(doc: ForgeDoc): void {
    this.doc = doc;
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes on every commit, although the document object itself stays the same. */
  getVersion = (): number => this.version;

  current(): ForgeDoc | undefined {
    return this.doc;
  }
}

export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}
