/** Renders the forgeDoc tree with the UI Kit component map, from the root, on every commit of the reconciler. */
import React, { useSyncExternalStore, type ReactNode } from 'react';
import { COMPONENTS, UNKNOWN } from './components';
import type { ForgeDoc, ForgeDocStore } from './forgeDoc';

function renderNode(node: ForgeDoc): ReactNode {
  if (node.type === 'String') return <React.Fragment key={node.key}>{String(node.props.text ?? '')}</React.Fragment>;
  const Component = COMPONENTS[node.type] ?? UNKNOWN;
  return (
    <Component key={node.key} node={node} renderNode={renderNode}>
      {node.children.map(renderNode)}
    </Component>
  );
}

export function ForgeDocView({ store }: { store: ForgeDocStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const doc = store.current();
  if (!doc) return null;
  return <div className="uk-root">{doc.children.map(renderNode)}</div>;
}
