/** Jump to Asset with BeyondTrust PRA: the jira:issueAction resource (render: native). */
import React from 'react';
import ForgeReconciler from '@forge/react';
import { JumpToAssetApp } from './jumpToAsset/JumpToAssetApp';

ForgeReconciler.render(<JumpToAssetApp />);
