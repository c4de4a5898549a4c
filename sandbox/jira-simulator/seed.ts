/**
 * The demo site used by the sandbox and the app's tests: a JSM project `SD` (Incident, Service
 * Request), a software project `OPS` restricted to the `it-operations` group, a JSM project `CHG` (Change,
 * with the ITSM change statuses and the Planned start / Planned end date-time fields), technicians with visible
 * and hidden emails, a Jira admin, a customer, the "Asset Name" (text) and "Assets" (Assets) fields and
 * four Assets objects. Every id is fixed; docs/jira-simulator.md lists them.
 */
import type {
  AppAssetsRoleInput,
  AssetObjectInput,
  AssetObjectTypeInput,
  AssetSchemaInput,
  FieldInput,
  IssueInput,
  IssueTypeInput,
  ProjectInput,
  ResolutionInput,
  StatusInput,
  UserInput,
} from './controlInputs';
import { DEFAULT_ASSETS_WORKSPACE_ID } from './state';

/**
 * The control operations the demo seed calls. `JiraControl` has them all; naming them here (not importing
 * the control class) keeps this file below control.ts, which calls `seedDemo`.
 */
export interface DemoSeedTarget {
  createUser(input: UserInput): unknown;
  createStatus(input: StatusInput): unknown;
  createResolution(input: ResolutionInput): unknown;
  createIssueType(input: IssueTypeInput): unknown;
  createProject(input: ProjectInput): unknown;
  createField(input: FieldInput): unknown;
  createAssetSchema(input: AssetSchemaInput): unknown;
  createAssetObjectType(input: AssetObjectTypeInput): unknown;
  createAssetObject(input: AssetObjectInput): unknown;
  setAppAssetsRole(input: AppAssetsRoleInput): unknown;
  createIssue(input: IssueInput): unknown;
  clock(): { now: number };
}

export const DEMO = {
  users: {
    /** Alex Rivera, email visible. */
    technician: '5b10ac8d82e05b22cc7d4ef5',
    /** Sam Patel, email hidden from everyone but Sam. */
    technicianHiddenEmail: '712020:4a7c8e2b-3f1d-4c6a-9b8e-2d5f7a1c3e90',
    /** Morgan Lee, member of jira-administrators. */
    admin: '5c4e2f8a9d3b1e0012a6f7c1',
    /** Casey Nguyen, also in it-operations (can see OPS). */
    technician2: '6f1a2b3c4d5e6f7a8b9c0d1e',
    /** Taylor Brooks, a JSM customer (no project permissions). */
    customer: '712020:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
  },
  projects: { serviceDesk: { id: '10000', key: 'SD' }, operations: { id: '10001', key: 'OPS' }, changes: { id: '10002', key: 'CHG' } },
  issueTypes: { incident: '10001', serviceRequest: '10002', task: '10003', change: '10004' },
  statuses: {
    open: '1',
    inProgress: '3',
    resolved: '5',
    closed: '6',
    waitingForSupport: '10000',
    cancelled: '10001',
    // The ITSM change workflow's statuses (issue 15).
    planning: '10002',
    awaitingApproval: '10003',
    awaitingImplementation: '10004',
    implementing: '10005',
    peerReview: '10006',
    completed: '10007',
    failed: '10008',
    declined: '10009',
  },
  resolutions: { done: '10000', wontDo: '10001', declined: '10002', duplicate: '10003' },
  fields: { assetName: 'customfield_10050', assets: 'customfield_10051', plannedStart: 'customfield_10052', plannedEnd: 'customfield_10053' },
  assets: {
    workspaceId: DEFAULT_ASSETS_WORKSPACE_ID,
    schemaId: '1',
    objectTypes: { workstations: '1', servers: '2' },
    objects: { 'WORKSTATION-01': '1', WEB01: '2', 'DB-SERVER-02': '3', 'LAPTOP-JDOE': '4' },
  },
} as const;

export type SeedSummary = typeof DEMO;

const TECH_GROUPS = ['jira-servicemanagement-users'];

export function seedDemo(control: DemoSeedTarget): SeedSummary {
  const { users, statuses, resolutions, fields, assets } = DEMO;
  control.createUser({
    accountId: users.technician,
    displayName: 'Alex Rivera',
    emailAddress: 'alex.rivera@example.com',
    timeZone: 'America/New_York',
    groups: TECH_GROUPS,
  });
  control.createUser({
    accountId: users.technicianHiddenEmail,
    displayName: 'Sam Patel',
    emailAddress: 'sam.patel@example.com',
    emailVisible: false,
    timeZone: 'Europe/London',
    groups: TECH_GROUPS,
  });
  control.createUser({
    accountId: users.admin,
    displayName: 'Morgan Lee',
    emailAddress: 'morgan.lee@example.com',
    groups: ['jira-administrators', ...TECH_GROUPS, 'it-operations'],
  });
  control.createUser({
    accountId: users.technician2,
    displayName: 'Casey Nguyen',
    emailAddress: 'casey.nguyen@example.com',
    timeZone: 'Australia/Sydney',
    groups: [...TECH_GROUPS, 'it-operations'],
  });
  control.createUser({
    accountId: users.customer,
    displayName: 'Taylor Brooks',
    emailAddress: 'taylor.brooks@customer.example.org',
    accountType: 'customer',
  });

  control.createStatus({ id: statuses.open, name: 'Open', category: 'new' });
  control.createStatus({ id: statuses.inProgress, name: 'In Progress', category: 'indeterminate' });
  control.createStatus({ id: statuses.resolved, name: 'Resolved', category: 'done' });
  control.createStatus({ id: statuses.closed, name: 'Closed', category: 'done' });
  control.createStatus({ id: statuses.waitingForSupport, name: 'Waiting for support', category: 'new' });
  control.createStatus({ id: statuses.cancelled, name: 'Cancelled', category: 'done' });
  control.createStatus({ id: statuses.planning, name: 'Planning', category: 'new' });
  control.createStatus({ id: statuses.awaitingApproval, name: 'Awaiting approval', category: 'indeterminate' });
  control.createStatus({ id: statuses.awaitingImplementation, name: 'Awaiting implementation', category: 'indeterminate' });
  control.createStatus({ id: statuses.implementing, name: 'Implementing', category: 'indeterminate' });
  control.createStatus({ id: statuses.peerReview, name: 'Peer review', category: 'indeterminate' });
  control.createStatus({ id: statuses.completed, name: 'Completed', category: 'done' });
  control.createStatus({ id: statuses.failed, name: 'Failed', category: 'done' });
  control.createStatus({ id: statuses.declined, name: 'Declined', category: 'done' });
  control.createResolution({ id: resolutions.done, name: 'Done', description: 'Work has been completed on this issue.' });
  control.createResolution({ id: resolutions.wontDo, name: "Won't Do", description: 'This issue won\'t be actioned.' });
  control.createResolution({ id: resolutions.declined, name: 'Declined', description: 'This request was declined.' });
  control.createResolution({ id: resolutions.duplicate, name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' });

  control.createIssueType({ id: DEMO.issueTypes.incident, name: 'Incident', description: 'A problem or an unplanned interruption in service.' });
  control.createIssueType({ id: DEMO.issueTypes.serviceRequest, name: 'Service Request', description: 'A request for help or information.' });
  control.createIssueType({ id: DEMO.issueTypes.task, name: 'Task', description: 'A task that needs to be done.' });
  control.createIssueType({ id: DEMO.issueTypes.change, name: 'Change', description: 'A request to add, modify or remove something from IT services.' });
  control.createProject({
    id: DEMO.projects.serviceDesk.id,
    key: DEMO.projects.serviceDesk.key,
    name: 'IT Service Desk',
    projectTypeKey: 'service_desk',
    lead: users.admin,
    issueTypes: ['Incident', 'Service Request'],
  });
  const itOperations = { groups: ['it-operations'] };
  control.createProject({
    id: DEMO.projects.operations.id,
    key: DEMO.projects.operations.key,
    name: 'IT Operations',
    projectTypeKey: 'software',
    lead: users.technician2,
    issueTypes: ['Task'],
    permissions: { browse: itOperations, assign: itOperations, edit: itOperations },
  });
  control.createProject({
    id: DEMO.projects.changes.id,
    key: DEMO.projects.changes.key,
    name: 'IT Change Management',
    projectTypeKey: 'service_desk',
    lead: users.admin,
    issueTypes: ['Change'],
  });
  const serviceDeskTypes = ['Incident', 'Service Request', 'Change'];
  control.createField({ id: fields.assetName, name: 'Asset Name', type: 'text', description: 'Name of the asset to connect to with BeyondTrust PRA', issueTypes: serviceDeskTypes });
  control.createField({ id: fields.assets, name: 'Assets', type: 'assets', issueTypes: serviceDeskTypes });
  // The planned window the change calendar reads (ITSM names; older templates say Change start date / Change completion date).
  control.createField({ id: fields.plannedStart, name: 'Planned start', type: 'datetime', issueTypes: ['Change'] });
  control.createField({ id: fields.plannedEnd, name: 'Planned end', type: 'datetime', issueTypes: ['Change'] });

  control.createAssetSchema({ id: assets.schemaId, name: 'IT Assets', key: 'ITSM' });
  const extraAttributes = ['Hostname', 'IP Address', 'Operating System'];
  control.createAssetObjectType({ id: assets.objectTypes.workstations, name: 'Workstations', attributes: extraAttributes });
  control.createAssetObjectType({ id: assets.objectTypes.servers, name: 'Servers', attributes: extraAttributes });
  const asset = (name: keyof typeof assets.objects, objectType: string, ip: string, os: string) =>
    control.createAssetObject({
      id: assets.objects[name],
      objectType,
      name,
      attributes: { Hostname: `${name.toLowerCase()}.corp.example.com`, 'IP Address': ip, 'Operating System': os },
    });
  asset('WORKSTATION-01', 'Workstations', '10.0.10.21', 'Windows 11 Enterprise');
  asset('WEB01', 'Servers', '10.0.20.11', 'Ubuntu 22.04 LTS');
  asset('DB-SERVER-02', 'Servers', '10.0.20.32', 'Red Hat Enterprise Linux 9');
  asset('LAPTOP-JDOE', 'Workstations', '10.0.10.57', 'macOS 14');
  // A Jira admin has granted the app an Assets role, so endpoint approval can read the objects as the app
  // (a fresh site has none: PUT /__sim/assets/app-role {"role": null} returns to that).
  control.setAppAssetsRole({ role: 'Users' });

  const sd = (
    issueType: string,
    summary: string,
    status: string,
    assignee: string | null,
    assetNames: (keyof typeof assets.objects)[],
    resolution: string | null = null,
  ) =>
    control.createIssue({
      project: 'SD',
      issueType,
      summary,
      status,
      resolution,
      assignee,
      reporter: users.customer,
      fields: {
        [fields.assetName]: assetNames[0] ?? null,
        [fields.assets]: assetNames.map((n) => assets.objects[n]),
      },
    });
  sd('Incident', 'Workstation cannot reach the file share', 'Open', users.technician, ['WORKSTATION-01']);
  sd('Incident', 'Web server returns 502 errors', 'In Progress', users.technicianHiddenEmail, ['WEB01']);
  sd('Service Request', 'Install the monitoring agent on DB-SERVER-02', 'Waiting for support', null, ['DB-SERVER-02']);
  sd('Incident', 'Printer driver crashes on LAPTOP-JDOE', 'Resolved', users.technician, ['LAPTOP-JDOE'], 'Done');
  sd('Service Request', 'Decommission the old web server', 'Cancelled', users.technician2, ['WEB01'], "Won't Do");
  sd('Incident', 'Disk space alert on WEB01', 'Closed', users.technician, ['WEB01'], 'Duplicate');
  sd('Incident', 'VPN drops every hour', 'Open', users.technician, []);
  sd('Incident', 'Slow logins on WORKSTATION-01 and WEB01', 'In Progress', users.technician2, ['WORKSTATION-01', 'WEB01']);
  control.createIssue({ project: 'OPS', issueType: 'Task', summary: 'Patch the web servers', status: 'Open', assignee: users.technician2, reporter: users.admin });

  // Change requests on the simulator clock: CHG-1's window is open now (from the last full hour − 1 h, for
  // 4 hours), CHG-2's is tomorrow 22:00–23:00 UTC.
  const now = control.clock().now;
  const hour = 3_600_000;
  const thisHour = Math.floor(now / hour) * hour;
  const tomorrow = Math.floor(now / (24 * hour)) * 24 * hour + 24 * hour;
  const change = (summary: string, status: string, startMs: number, endMs: number) =>
    control.createIssue({
      project: 'CHG',
      issueType: 'Change',
      summary,
      status,
      assignee: users.technician,
      reporter: users.admin,
      fields: {
        [fields.assetName]: 'DB-SERVER-02',
        [fields.assets]: [assets.objects['DB-SERVER-02']],
        [fields.plannedStart]: new Date(startMs).toISOString(),
        [fields.plannedEnd]: new Date(endMs).toISOString(),
      },
    });
  change('Apply the database engine patch on DB-SERVER-02', 'Implementing', thisHour - hour, thisHour + 3 * hour);
  change('Rotate the TLS certificate on DB-SERVER-02', 'Awaiting implementation', tomorrow + 22 * hour, tomorrow + 23 * hour);
  return DEMO;
}
