/** The BeyondTrust PRA panel: the jira:issueContext resource (render: native). */
import React from 'react';
import ForgeReconciler from '@forge/react';
import { SessionsPanelApp } from './sessionsPanel/SessionsPanelApp';

ForgeReconciler.render(<SessionsPanelApp />);
