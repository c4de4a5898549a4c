/**
 * The PRA side of the demo: an API account the app is configured with, PRA users who are the same
 * people as the Jira demo users, and Jump Items named like the Jira Assets objects. Fixed values, so
 * tests and the sandbox agree (docs/sandbox.md lists them).
 */
import type { PraSimulator } from '../pra-simulator';

export const PRA_DEMO = {
  host: 'pra.example.com',
  account: {
    name: 'Jira Integration API',
    clientId: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    clientSecret: 'demo-client-secret-Vk9qT3hZb2xZd3pKc1lDbG9uZw',
  },
  users: {
    alex: { username: 'arivera', displayName: 'Alex Rivera', email: 'alex.rivera@example.com' },
    sam: { username: 'spatel', displayName: 'Sam Patel', email: 'sam.patel@example.com' },
    casey: { username: 'cnguyen', displayName: 'Casey Nguyen', email: 'casey.nguyen@example.com' },
    morgan: { username: 'mlee', displayName: 'Morgan Lee', email: 'morgan.lee@example.com' },
  },
  jumpItems: {
    'WORKSTATION-01': { type: 'remote-rdp', hostname: 'workstation-01.corp.example.com', os: 'Windows 11 Enterprise', privateIp: '10.0.10.21' },
    WEB01: { type: 'shell-jump', hostname: 'web01.corp.example.com', os: 'Ubuntu 22.04 LTS', privateIp: '10.0.20.11' },
    'DB-SERVER-02': { type: 'shell-jump', hostname: 'db-server-02.corp.example.com', os: 'Red Hat Enterprise Linux 9', privateIp: '10.0.20.32' },
    'LAPTOP-JDOE': { type: 'remote-rdp', hostname: 'laptop-jdoe.corp.example.com', os: 'macOS 14', privateIp: '10.0.10.57' },
  },
} as const;

export function seedPraDemo(pra: PraSimulator): typeof PRA_DEMO {
  pra.createAccount({ ...PRA_DEMO.account });
  for (const user of Object.values(PRA_DEMO.users)) {
    pra.createUser({ username: user.username, displayName: user.displayName, privateDisplayName: user.displayName, publicDisplayName: user.displayName.split(' ')[0], email: user.email });
  }
  for (const [name, item] of Object.entries(PRA_DEMO.jumpItems)) {
    pra.createJumpItem({ name, ...item });
  }
  return PRA_DEMO;
}
