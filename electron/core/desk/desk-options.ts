// What a desk is opened with (core/desk.ts): its environment, AURA port, stores, policy, clock
// and the seams tests use (timing, storage, the code check). The desk host builds it for each desk.
import type { AuditEntry } from '../../shared/model/audit-entry';
import type { Connection, Environment } from '../../shared/model/connection';
import type { PolicyState } from '../../shared/model/desk-state';
import type { Press } from '../../shared/model/press';
import type { CodeCheck } from '../policy/cancel-codes';
import type { Policy } from '../policy/policy';
import type { Clock, KeyValueStore, Logger } from '../ports';
import type { ConfigProblem } from '../connection/readiness';
import type { StoragePort } from '../storage/port';
import type { TrainingControl } from './training-control';
import type { DeskPort } from '../aura/port';
import type { DurableFiles } from './durable';

export interface DeskOptions {
  environment: Environment;
  /** Null when no credentials are configured: presses are queued and shown as not sent. */
  api: DeskPort | null;
  store: KeyValueStore;
  /** Where the press ledger and the audit log live (when the desk opens its own). */
  dataDir: string;
  /** The non-secret part of the AURA connection, for the renderer. */
  connection?: Connection;
  /** Why a press cannot be attempted at all (no credentials, no keychain); null when it can. */
  configProblem?: ConfigProblem;
  /** Problems found while opening the store, to tell the operator once. */
  startupProblems?: string[];
  training?: TrainingControl | null;
  /** The administrator's policy in force (policy.ts) and its view for the screen. */
  policy?: { policy: Policy; view: PolicyState };
  clock?: Clock;
  /** The diagnostics log (dispatch and polling decisions). */
  log?: Logger;
  random?: () => number;
  /** This computer's name: the desk's name in AURA events when Settings gives none. */
  hostName?: string;
  /** Every audit entry as it is written (the desk host forwards them to the SIEM). */
  onAudit?: (entry: AuditEntry) => void;
  /** File I/O of the press ledger and the audit log (tests inject disk faults here). */
  storage?: StoragePort;
  /** The audit log, press ledger and storage watch the desk host opened once for every desk; none: its own. */
  shared?: DurableFiles;
  /** True when "Send now" can send this press of another connection there (its secret is in the keychain). */
  canSendElsewhere?(press: Press): boolean;
  /** How a typed cancel code is checked (default scrypt); the model test checks in virtual time. */
  checkCode?: CodeCheck;
  /** Poll intervals and retry delays; tests shorten them. */
  timing?: {
    movingMs?: number;
    settledMs?: number;
    retryDelaysMs?: readonly number[];
    settleAfterTimeoutMs?: number;
    readinessEveryMs?: number;
    /** How long a callout stays completed or cancelled before the desk stops following it (24 h). */
    unfollowAfterMs?: number;
    storageRetryMs?: number;
  };
}
