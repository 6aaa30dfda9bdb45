import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type {
  BranchConfig,
  ClientToServerEvents,
  DeviceView,
  DomainEvent,
  PrinterHealth,
  QueueState,
  Result,
  Role,
  ServerToClientEvents,
} from '@rinda/shared';
import type { Db } from './db/database';
import type { Principal } from './auth/principal';
import type { DeviceRow } from './auth/devices';
import type { CreatedUser, UserRole } from './auth/users';
import type { Broadcaster } from './realtime/broadcaster';
import type { PrinterAddressPolicy } from './printing/printer-address-policy';
import type { AlertBoard } from './realtime/alert-board';
import type { EventGuard } from './realtime/event-guard';
import type { SnapshotWaiter } from './realtime/snapshot-cache';
import type { ServerLimits } from './security/server-limits';

/** What the server keeps per socket: who is on the other end (checked again on every event), and its limits. */
export interface SocketData {
  principal: Principal;
  flow: SocketFlow;
}

/** One socket's share of the server: its event rate, the snapshot it waits for, the credential it counts against. */
export interface SocketFlow extends SnapshotWaiter {
  guard: EventGuard;
  credential: string;
}

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type CommittedListener = (events: DomainEvent[], state: QueueState) => void;

export interface AuthHelpers {
  /** HTTP middleware: 401 without a valid bearer token, 403 for another role; sets the principal for `principalOf`. */
  requireRole(...roles: Role[]): RequestHandler;
  /** The principal `requireRole` authenticated for this request. */
  principalOf(res: Response): Principal;
  /**
   * A bearer token (session or device) to its principal, or null when unknown, expired or revoked, a demo
   * credential while the server runs without --demo, or a session that must change its password first.
   */
  authenticate(token: string): Principal | null;
  /**
   * A user whose password meets the policy (WEAK_PASSWORD) and whose name is free (CONFLICT); marked demo
   * while the server runs with --demo. `mustChangePassword` when someone else chose the password.
   */
  createUser(input: { username: string; password: string; name: string; role: UserRole }, options: { mustChangePassword: boolean }): Promise<Result<CreatedUser>>;
  /** Enrols a kiosk or display; the token is returned once and only its hash is kept. */
  enrolDevice(kind: 'kiosk' | 'display', name: string, printerUrl?: string | null): { id: string; token: string };
  /**
   * Closes every live socket whose principal matches (a signed-out session, a disabled user, a revoked
   * device), telling it why with `session:ended` first. Returns how many were closed.
   */
  endConnections(match: (principal: Principal) => boolean, reason: string): number;
}

export interface DeviceHelpers {
  get(deviceId: string): DeviceRow | undefined;
  list(): DeviceView[];
  /**
   * Records a printer's health: updates the device, appends a device_events row when the health changed
   * or a detail is given (a failed print), and broadcasts `device:updated` to managers.
   */
  setPrinterHealth(deviceId: string, health: PrinterHealth, detail?: string): void;
  /** Any other device event worth showing the manager (type is free text, data is JSON). */
  recordEvent(deviceId: string, type: string, data?: unknown): void;
  /** Sends the device's current view to managers (after a change made elsewhere, e.g. revocation). */
  announce(deviceId: string): void;
}

/**
 * What a feature module gets: the database, the clock, the live configuration and queue state,
 * the broadcaster and the auth and device helpers. Features never write the queue tables directly:
 * queue changes go through the command pipeline so the rules, the events and the broadcasts agree.
 */
export interface AppContext {
  readonly db: Db;
  readonly logger: Logger;
  readonly clock: () => number;
  /** Ids of tickets and bookings (newTimeOrderedId at the clock's time, unless a test gives its own). */
  readonly newId: () => string;
  /** Changes at every start; with `seq` it orders broadcasts against a snapshot. */
  readonly epoch: string;
  readonly version: string;
  /** Which printer addresses the server may write to or connect to (the server's own configuration, not the branch's). */
  readonly printerAddresses: PrinterAddressPolicy;
  /** The limits that keep one client from slowing the branch (security/server-limits.ts). */
  readonly limits: ServerLimits;
  /** Runs with --demo: demo accounts and devices work, and whatever is created is marked demo too. */
  readonly demo: boolean;
  readonly io: TypedServer;
  readonly broadcaster: Broadcaster;
  /** Live staffing alerts: the staffing feature publishes them, snapshots and broadcasts carry them. */
  readonly alerts: AlertBoard;
  readonly auth: AuthHelpers;
  readonly devices: DeviceHelpers;
  config(): BranchConfig;
  /**
   * Validates, stores, applies to the live state and broadcasts `config:changed`; BAD_REQUEST when invalid.
   * `alsoInTransaction` writes what belongs with the change (a bundle's record, its audit entry) in its transaction.
   */
  setConfig(input: unknown, alsoInTransaction?: () => void): Result<BranchConfig>;
  /** The live queue state (read it; never mutate it). */
  state(): QueueState;
  /** Called after each command's events are committed and applied; returns an unsubscribe function. */
  onCommitted(listener: CommittedListener): () => void;
}
