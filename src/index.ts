/** Every handler manifest.yml names, in one place. */
export { configResolver } from './resolvers/configResolver';
export { outboundEvent } from './webtriggers/outboundEvent';
export { endpointApproval } from './webtriggers/endpointApproval';
export { sessionImportConsumer } from './consumers/sessionImport';
export { reconcileSessions } from './scheduled/reconcileSessions';
export { approvalFollowUpConsumer } from './consumers/approvalFollowUp';
export { jumpResolver } from './resolvers/jumpResolver';
export { sessionsPanelResolver } from './resolvers/sessionsPanelResolver';
