import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types. Times are ISO-8601 UTC strings (`toISOString()`), which sort correctly as text on
 * SQLite and PostgreSQL alike; JSON columns are text, parsed by the repositories.
 */
type Json = string;
type Iso = string;

export interface WorkspaceTable {
  id: string;
  name: string;
  timezone: string;
  /** 'HH:mm' in the workspace zone; null = no quiet hours. */
  quiet_start: string | null;
  quiet_end: string | null;
  cap_per_day: number | null;
  cap_per_week: number | null;
  created_at: Iso;
  /** 1 for the demo workspace `pnpm start` seeds, so it can be told apart and removed. */
  is_demo: ColumnType<number, number | undefined, number>;
}

export interface UserTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: 'admin' | 'ops' | 'sales';
  password_hash: string | null;
  active: ColumnType<number, number | undefined, number>;
  created_at: Iso;
  /** The member's WeCom userid, so WeCom's callbacks and sign-in find the rep (migration 010). */
  wecom_userid: ColumnType<string | null, string | null | undefined, string | null>;
  /** The zone this person reads and enters times in; null = the workspace's (migration 012). */
  timezone: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CustomerTable {
  id: string;
  workspace_id: string;
  name: string;
  owner_id: string | null;
  stage: string | null;
  timezone: string | null;
  properties: Json;
  phone: string | null;
  email: string | null;
  wechat_openid: string | null;
  wechat_unionid: string | null;
  member_id: string | null;
  created_at: Iso;
  updated_at: Iso;
  /** WeCom's external_userid of this customer (migration 010). */
  wecom_external_userid: ColumnType<string | null, string | null | undefined, string | null>;
  avatar_url: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TagTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: Iso;
  /** The WeCom corp tag this tag mirrors (migration 010). */
  wecom_tag_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CustomerTagTable {
  customer_id: string;
  tag_id: string;
  added_at: Iso;
}

export interface EventTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  kind: string;
  payload: Json;
  occurred_at: Iso;
  received_at: Iso;
  idempotency_key: string;
  /** Strictly increasing; the dispatcher drains events in this order. */
  seq: Generated<number>;
  dispatched_at: Iso | null;
  dispatch_attempts: ColumnType<number, number | undefined, number>;
  dispatch_error: string | null;
}

export interface JourneyTable {
  id: string;
  workspace_id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'archived';
  draft_graph: Json;
  draft_revision: number;
  live_version_id: string | null;
  created_at: Iso;
  updated_at: Iso;
  updated_by: string | null;
}

export interface JourneyVersionTable {
  id: string;
  workspace_id: string;
  journey_id: string;
  version: number;
  graph: Json;
  graph_hash: string;
  trigger_type: string;
  notes: string;
  published_at: Iso;
  published_by: string | null;
}

export type EnrollmentStatus = 'active' | 'waiting' | 'completed' | 'exited' | 'cancelled' | 'failed';

export interface EnrollmentTable {
  id: string;
  workspace_id: string;
  journey_id: string;
  version_id: string;
  customer_id: string;
  entry_key: string;
  workflow_id: string;
  trigger_event_id: string | null;
  status: EnrollmentStatus;
  /** Where the customer is: the node last executed (a wait node while waiting). */
  cursor_node_id: string | null;
  /** Compare-and-set counter: bumped by every committed run of steps. */
  step_seq: number;
  /** Node visits so far (also the loop guard's counter). */
  visits: number;
  wait_until: Iso | null;
  wait_event_kind: string | null;
  wait_event_filter: Json | null;
  wait_on_timeout: string | null;
  wait_on_event: string | null;
  wait_started_at: Iso | null;
  exit_reason: string | null;
  started_at: Iso;
  ended_at: Iso | null;
  updated_at: Iso;
  /** The node a failed step stopped at (migration 013); null unless status is failed by a step. */
  failed_node_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why, as JSON (StepFailure in the domain); null unless failed by a step. */
  failure: ColumnType<Json | null, Json | null | undefined, Json | null>;
}

export interface EnrollmentStepTable {
  id: string;
  workspace_id: string;
  enrollment_id: string;
  journey_id: string;
  version_id: string;
  visit: number;
  node_id: string;
  node_type: string;
  /** The port taken, 'wait' when the node started a wait, or the exit reason. */
  outcome: string;
  detail: Json | null;
  at: Iso;
}

export type TaskStatus = 'open' | 'done' | 'skipped';

export interface TaskTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  owner_id: string | null;
  enrollment_id: string | null;
  journey_id: string | null;
  node_id: string | null;
  visit: number | null;
  title: string;
  script: string;
  priority: 'low' | 'normal' | 'high';
  due_at: Iso;
  status: TaskStatus;
  outcome: string | null;
  note: string | null;
  snoozed_until: Iso | null;
  completed_at: Iso | null;
  created_at: Iso;
  /** Who closed it when not a person: 'wecom' (WeCom reported the group send delivered). */
  closed_via: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  workspace_id: string;
  created_at: Iso;
  expires_at: Iso;
  last_seen_at: Iso;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: string;
  email: string;
  ip: string;
  at: Iso;
}

export interface ApiKeyTable {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  rate_per_minute: number;
  created_by: string | null;
  created_at: Iso;
  last_used_at: Iso | null;
  revoked_at: Iso | null;
}

export interface BulkJobTable {
  id: string;
  workspace_id: string;
  journey_id: string;
  kind: 'enrol';
  params: Json;
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  succeeded: number;
  skipped: number;
  error: string | null;
  created_by: string | null;
  created_at: Iso;
  finished_at: Iso | null;
  /** The worker process running the job, and until when its claim holds unless renewed. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_until: ColumnType<Iso | null, Iso | null | undefined, Iso | null>;
  /** JSON array of the customers picked at creation; null for jobs from before it was kept. */
  customer_ids: ColumnType<Json | null, Json | null | undefined, Json | null>;
}

/** A named lease: who holds it and until when (see migration 004). */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: Iso;
}

/** A workspace's notification channel (see migration 003): the plugin id and its JSON config. */
export interface ChannelSettingsTable {
  id: string;
  workspace_id: string;
  channel: string;
  config: Json;
  enabled: number;
  updated_at: Iso;
  updated_by: string | null;
}

/** A user's daily digest: on/off, 'HH:mm' local time, zone (null: the workspace's), language, @mention. */
export interface DigestSettingsTable {
  id: string;
  user_id: string;
  workspace_id: string;
  enabled: number;
  local_time: string;
  timezone: string | null;
  locale: 'zh-CN' | 'en';
  mention: string | null;
  updated_at: Iso;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One message to a channel; `dedupe_key` is unique, so the same digest is recorded (and sent) once. */
export interface DeliveryTable {
  id: string;
  workspace_id: string;
  user_id: string | null;
  kind: 'digest' | 'remind' | 'test';
  dedupe_key: string;
  channel: string;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  summary: string;
  created_at: Iso;
  updated_at: Iso;
  delivered_at: Iso | null;
}

/** One row once the install is set up (see migration 005). */
export interface InstallationTable {
  id: string;
  set_up_at: Iso;
  set_up_by: string;
}

export interface InvitationTable {
  id: string;
  workspace_id: string;
  email: string;
  role: 'admin' | 'ops' | 'sales';
  /** sha256 of the link's token; the token itself is shown once and never stored. */
  token_hash: string;
  invited_by: string;
  created_at: Iso;
  expires_at: Iso;
  accepted_at: Iso | null;
  accepted_by: string | null;
  revoked_at: Iso | null;
}

export interface StageTable {
  workspace_id: string;
  /** What customers carry and journeys name, e.g. 'paid'. */
  code: string;
  label_zh: string;
  label_en: string;
  position: number;
  created_at: Iso;
}

export type ImportKind = 'customers' | 'orders';
/**
 * uploading → uploaded → (checking → checked)* → importing → imported; failed from either running
 * state. A dry run may be repeated (another mapping) until the import starts.
 */
export type ImportState = 'uploading' | 'uploaded' | 'checking' | 'checked' | 'importing' | 'imported' | 'failed';

export interface ImportJobTable {
  id: string;
  workspace_id: string;
  kind: ImportKind;
  file_name: string;
  format: 'csv' | 'xlsx';
  /** CSV only: JSON { encoding, delimiter }, decided from the first bytes at upload. */
  dialect: Json | null;
  size_bytes: number;
  /** .xlsx only: JSON [{ name, rows }] of the workbook's sheets. */
  sheets: Json | null;
  /** The sheet imported (.xlsx), by name. */
  sheet: string | null;
  /** JSON { columns, startJourneys }: the column mapping of the last dry run or the import. */
  mapping: Json | null;
  state: ImportState;
  /** Data rows in the file (not the header), known after the first full read. */
  rows_total: number | null;
  /** Rows of the current run already processed (committed, for an import). */
  rows_done: ColumnType<number, number | undefined, number>;
  created: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  /** JSON { created, updated, rejected, rows } of the last finished dry run. */
  checked: Json | null;
  error: string | null;
  created_by: string | null;
  created_at: Iso;
  updated_at: Iso;
  finished_at: Iso | null;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_until: ColumnType<Iso | null, Iso | null | undefined, Iso | null>;
}

/** A piece of an uploaded file, in order of `seq`. */
export interface ImportChunkTable {
  job_id: string;
  seq: number;
  bytes: Buffer;
}

/** A row a dry run ('check') or the import ('import') refused: JSON problems [{ field, zh, en }] and the row's cells. */
export interface ImportRejectTable {
  job_id: string;
  phase: 'check' | 'import';
  row: number;
  problems: Json;
  cells: Json;
}

export type PropertyType = 'text' | 'number' | 'date';

/** A customer property the workspace defines: what journeys may read and imports may fill. */
export interface PropertyTable {
  workspace_id: string;
  /** The key in customers.properties, e.g. 'birthday', '城市'. */
  key: string;
  type: PropertyType;
  label_zh: string;
  label_en: string;
  position: number;
  created_at: Iso;
}

/** A workspace's WeCom connection; the four secrets are ciphertexts (see migration 010). */
export interface WecomSettingsTable {
  workspace_id: string;
  corp_id: string;
  agent_id: string | null;
  contact_secret: string | null;
  agent_secret: string | null;
  callback_token: string | null;
  encoding_aes_key: string | null;
  callback_key: string;
  callback_verified_at: Iso | null;
  last_callback_at: Iso | null;
  tested_at: Iso | null;
  /** JSON: what the last "test connection" found. */
  test_result: Json | null;
  updated_at: Iso;
  updated_by: string | null;
  /** The address the admin reached Sopline at when saving (where the callback URL points): links in WeCom messages use it when SOPLINE_PUBLIC_URL is unset. */
  public_base: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WecomTokenTable {
  workspace_id: string;
  /** 'contact' | 'agent' | 'jsapi' … */
  app: string;
  token: string;
  expires_at: Iso;
}

export interface WecomCallbackTable {
  id: string;
  workspace_id: string;
  digest: string;
  kind: string;
  plaintext: string;
  received_at: Iso;
  state: 'pending' | 'done' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Iso;
  error: string | null;
  processed_at: Iso | null;
  claimed_by: string | null;
  claimed_until: Iso | null;
}

/** Which rep (WeCom userid) has which WeCom contact, since when, through which channel code. */
export interface WecomFollowTable {
  workspace_id: string;
  external_userid: string;
  wecom_userid: string;
  customer_id: string | null;
  state: string | null;
  remark: string | null;
  added_at: Iso;
  removed_at: Iso | null;
  /** 'customer' (del_follow_user: the customer deleted the rep) | 'rep' (del_external_contact). */
  removed_by: string | null;
}

/** An "import from WeCom" run: members still to read, where it is in the current page, what it did. */
export interface WecomSyncTable {
  id: string;
  workspace_id: string;
  state: 'running' | 'done' | 'failed';
  /** JSON array of the WeCom userids to read, fetched when the run starts. */
  members: Json | null;
  member_index: ColumnType<number, number | undefined, number>;
  cursor: string | null;
  contacts: ColumnType<number, number | undefined, number>;
  created: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  error: string | null;
  created_by: string | null;
  created_at: Iso;
  updated_at: Iso;
  finished_at: Iso | null;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_until: ColumnType<Iso | null, Iso | null | undefined, Iso | null>;
}

/** A channel code (渠道活码): WeCom's contact way `config_id` with `state`, rotating across reps. */
export interface ChannelCodeTable {
  id: string;
  workspace_id: string;
  name: string;
  /** Where its customers come from (抖音, 门店 …): their customer.created source. */
  source: string;
  /** The contact way's state: comes back on every contact added through it. */
  state: string;
  /** JSON array of Sopline user ids the code rotates across. */
  user_ids: Json;
  /** JSON array of tag names given on arrival. */
  tags: Json;
  welcome_script: string | null;
  /** The stage that counts as converted in its numbers. */
  conversion_stage: string;
  config_id: string | null;
  qr_code: string | null;
  created_by: string | null;
  created_at: Iso;
  updated_at: Iso;
  archived_at: Iso | null;
}

/** A WeCom group send (企业群发) Sopline asked for: one rep's text to several of their customers. */
export interface WecomGroupSendTable {
  id: string;
  workspace_id: string;
  owner_id: string;
  /** The rep's WeCom userid, who confirms the send in WeCom. */
  sender: string;
  msgid: string | null;
  content: string;
  state: 'creating' | 'waiting' | 'done' | 'cancelled' | 'expired' | 'failed';
  error: string | null;
  polls: ColumnType<number, number | undefined, number>;
  next_poll_at: Iso | null;
  last_polled_at: Iso | null;
  /** JSON array of the instants reminders were sent (WeCom allows three in 24 hours). */
  reminders: ColumnType<Json, Json | undefined, Json>;
  created_by: string | null;
  created_at: Iso;
  finished_at: Iso | null;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_until: ColumnType<Iso | null, Iso | null | undefined, Iso | null>;
}

export type GroupSendItemStatus = 'pending' | 'sent' | 'not-friend' | 'limited' | 'cancelled' | 'expired';

/** One task (one customer) of a group send, and what WeCom says happened to it. */
export interface WecomGroupSendItemTable {
  send_id: string;
  workspace_id: string;
  task_id: string;
  customer_id: string;
  external_userid: string;
  status: GroupSendItemStatus;
  /** The day (YYYY-MM-DD, workspace zone) it was asked for: the per-customer quota counts these. */
  asked_on: string;
  sent_at: Iso | null;
}

export interface Database {
  wecom_group_sends: WecomGroupSendTable;
  wecom_group_send_items: WecomGroupSendItemTable;
  properties: PropertyTable;
  wecom_settings: WecomSettingsTable;
  wecom_tokens: WecomTokenTable;
  wecom_callbacks: WecomCallbackTable;
  wecom_follows: WecomFollowTable;
  wecom_syncs: WecomSyncTable;
  channel_codes: ChannelCodeTable;
  import_jobs: ImportJobTable;
  import_chunks: ImportChunkTable;
  import_rejects: ImportRejectTable;
  installation: InstallationTable;
  stages: StageTable;
  invitations: InvitationTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  api_keys: ApiKeyTable;
  bulk_jobs: BulkJobTable;
  leases: LeaseTable;
  workspaces: WorkspaceTable;
  users: UserTable;
  customers: CustomerTable;
  tags: TagTable;
  customer_tags: CustomerTagTable;
  events: EventTable;
  journeys: JourneyTable;
  journey_versions: JourneyVersionTable;
  enrollments: EnrollmentTable;
  enrollment_steps: EnrollmentStepTable;
  tasks: TaskTable;
  channel_settings: ChannelSettingsTable;
  digest_settings: DigestSettingsTable;
  deliveries: DeliveryTable;
}

export type Workspace = Selectable<WorkspaceTable>;
export type User = Selectable<UserTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomerRow = Insertable<CustomerTable>;
export type CustomerUpdate = Updateable<CustomerTable>;
export type EventRow = Selectable<EventTable>;
export type JourneyRow = Selectable<JourneyTable>;
export type JourneyVersionRow = Selectable<JourneyVersionTable>;
export type EnrollmentRow = Selectable<EnrollmentTable>;
export type EnrollmentStepRow = Selectable<EnrollmentStepTable>;
export type TaskRow = Selectable<TaskTable>;
export type Session = Selectable<SessionTable>;
export type Invitation = Selectable<InvitationTable>;
export type StageRow = Selectable<StageTable>;
export type ImportJob = Selectable<ImportJobTable>;
export type PropertyRow = Selectable<PropertyTable>;
export type ImportReject = Selectable<ImportRejectTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type BulkJob = Selectable<BulkJobTable>;
export type ChannelSettingsRow = Selectable<ChannelSettingsTable>;
export type DigestSettingsRow = Selectable<DigestSettingsTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
