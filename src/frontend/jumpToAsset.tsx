/** Jump to Asset dialog (UI Kit): placeholder until the Jump to Asset issue lands. */
import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

const App = () => <Text>Jump to Asset is not available yet.</Text>;

ForgeReconciler.render(<App />);
