import { z } from 'zod';
import { BranchConfig } from '../config/branch-config';
import { BookingEvent } from '../domain/booking';
import { DomainEvent } from '../domain/events';
import { GROUP_BYS, IsoDate, REPORT_GROUP_BYS, ReportTable, type ReportName } from '../http/reports';
import { addDays } from '../time/business-day';

/**
 * The wire between a branch and head office, and head office's own API (docs/ARCHITECTURE.md, "Head office").
 * Both ends parse with these schemas; every limit is here and in docs/OPERATIONS.md ("Head office").
 */
export const CENTRAL_LIMITS = {
  /** Outbox records in one shipped batch: a week offline (about 30 000 events) catches up in ~60 batches. */
  maxBatchRecords: 500,
  /** Bytes of one HTTP body at head office: 500 records of a few hundred bytes each fit with room to spare. */
  maxBodyBytes: 2 * 1024 * 1024,
  /** Branches named in one cross-branch report request. */
  maxBranchesPerReport: 1000,
  /** Days in one report range (as a branch allows). */
  maxReportDays: 400,
  /** Enrolment codes expire after this long unused. */
  enrolmentCodeTtlMs: 7 * 24 * 60 * 60_000,
} as const;

export const BranchId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a branch id is lower-case letters, digits and dashes');
export type BranchId = z.infer<typeof BranchId>;

/** A branch's token: shown to it once at enrolment, kept at head office only as a hash. */
const Token = z.string().min(32).max(200);
const EnrolmentCode = z.string().min(8).max(64);

/**
 * A committed event as shipped: the queue's (ticket.*, counter.*) or the bookings' (appointment.*, written by the
 * booking store in the same transaction as the booking's change). Their `type`s never overlap.
 */
export const ShippedEvent = z.union([DomainEvent, BookingEvent]);
export type ShippedEvent = z.infer<typeof ShippedEvent>;

/**
 * A visit's rating as shipped (written with the branch's ratings row, in its transaction): the score, the visit and
 * when, never the customer's comment (docs/SECURITY.md, "Head office"). Strict: a record carrying anything more,
 * a comment above all, is refused.
 */
export const ShippedRating = z.strictObject({ ticketId: z.string().min(1).max(64), score: z.number().int().min(1).max(5), ratedAt: z.number() });
export type ShippedRating = z.infer<typeof ShippedRating>;

/** One outbox record: a committed event, the branch's configuration as it changed, or a visit's rating. */
export const OutboxRecord = z.discriminatedUnion('kind', [
  z.object({ seq: z.number().int().positive(), kind: z.literal('event'), at: z.number(), body: ShippedEvent }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('config'), at: z.number(), body: BranchConfig }),
  z.object({ seq: z.number().int().positive(), kind: z.literal('rating'), at: z.number(), body: ShippedRating }),
]);
export type OutboxRecord = z.infer<typeof OutboxRecord>;

export const ShipBatchRequest = z
  .strictObject({
    /** The branch these records are from: must be the branch whose token signs the request. */
    branchId: BranchId,
    /** The branch's clock when it read the batch, and how many records were still waiting behind it. */
    branchNow: z.number(),
    remaining: z.number().int().min(0),
    records: z.array(OutboxRecord).max(CENTRAL_LIMITS.maxBatchRecords),
  })
  .refine((b) => b.records.every((r, i) => i === 0 || r.seq === b.records[i - 1]!.seq + 1), {
    message: 'records must carry consecutive sequence numbers',
  });
export type ShipBatchRequest = z.infer<typeof ShipBatchRequest>;

/** Head office's answer: everything up to `storedThrough` is safe there; the branch may forget it. */
export const ShipBatchReply = z.object({ storedThrough: z.number().int().min(0), inserted: z.number().int().min(0) });
export type ShipBatchReply = z.infer<typeof ShipBatchReply>;

/** A gap (records missing before the batch): the branch resends from `expectedSeq`. */
export const ShipGapReply = z.object({ ok: z.literal(false), error: z.object({ code: z.literal('SEQUENCE_GAP'), message: z.string() }), expectedSeq: z.number().int() });

export const EnrolRequest = z.strictObject({ branchId: BranchId, code: EnrolmentCode });
export const EnrolReply = z.object({ branchId: BranchId, token: Token });
export type EnrolReply = z.infer<typeof EnrolReply>;

export const CreateBranchRequest = z.strictObject({
  id: BranchId,
  name: z.string().trim().min(1).max(120),
  region: z.string().trim().min(1).max(80),
});
export type CreateBranchRequest = z.infer<typeof CreateBranchRequest>;
export const BranchCreated = z.object({ id: BranchId, enrolmentCode: EnrolmentCode, expiresAt: z.number() });

/** Every branch's state now, as head office last heard it. */
export const BranchStateView = z.object({
  id: BranchId,
  name: z.string(),
  region: z.string(),
  enrolled: z.boolean(),
  /** Head office's clock when the branch last shipped; null if never. */
  lastHeardAt: z.number().nullable(),
  /** The branch's own clock up to which head office has all its events (null before the first drained batch). */
  completeUntil: z.number().nullable(),
  storedThrough: z.number().int(),
  /** Outbox records the branch said were still waiting behind its last batch. */
  waitingAtBranch: z.number().int(),
  waitingByService: z.record(z.string(), z.number().int()),
  countersOpen: z.number().int(),
  countersPaused: z.number().int(),
  /** Today's service level (percent of legs called within the service's target), null before any call. */
  serviceLevelTodayPercent: z.number().nullable(),
  /** True when head office has not heard from the branch for longer than the stale limit. */
  stale: z.boolean(),
  /** What needs a look: `not-heard` (stale), `catching-up` (records still waiting at the branch), `service-level:<serviceId>` (below its goal today). */
  alerts: z.array(z.string()),
});
export type BranchStateView = z.infer<typeof BranchStateView>;
export const BranchStatesReply = z.object({ now: z.number(), branches: z.array(BranchStateView) });
export type BranchStatesReply = z.infer<typeof BranchStatesReply>;

export const CENTRAL_GROUP_BYS = [...GROUP_BYS, 'branch', 'region'] as const;
export type CentralGroupBy = (typeof CENTRAL_GROUP_BYS)[number];
/** The branch reports head office serves: every one (the satisfaction reports from the shipped `rating` records). */
export const CENTRAL_REPORT_NAMES = ['summary', 'hourly', 'counters', 'wait-histogram', 'wait-promises', 'satisfaction', 'satisfaction-by-wait'] as const satisfies readonly ReportName[];
export type CentralReportName = (typeof CENTRAL_REPORT_NAMES)[number];
/** A branch's groupings, and by branch and region wherever the report has whole-day figures (hourly has not). */
export const CENTRAL_REPORT_GROUP_BYS: Record<CentralReportName, readonly CentralGroupBy[]> = {
  summary: [...REPORT_GROUP_BYS.summary, 'branch', 'region'],
  hourly: REPORT_GROUP_BYS.hourly,
  counters: [...REPORT_GROUP_BYS.counters, 'branch', 'region'],
  'wait-histogram': [...REPORT_GROUP_BYS['wait-histogram'], 'branch', 'region'],
  'wait-promises': [...REPORT_GROUP_BYS['wait-promises'], 'branch', 'region'],
  satisfaction: [...REPORT_GROUP_BYS.satisfaction, 'branch', 'region'],
  'satisfaction-by-wait': [...REPORT_GROUP_BYS['satisfaction-by-wait'], 'branch', 'region'],
};
/** Head office marks a branch stale when it has not shipped (a batch or an empty heartbeat) for this long. */
export const CENTRAL_STALE_AFTER_MS = 5 * 60_000;
/** A report over a set of branches: `branches` is a comma-separated list, or absent for every branch. */
export const CentralReportQuery = z
  .object({
    // A day the calendar has, as a branch's own report asks (2026-02-30 is refused, not read as 2 March).
    from: IsoDate,
    to: IsoDate,
    groupBy: z.enum(CENTRAL_GROUP_BYS),
    branches: z
      .string()
      .max(CENTRAL_LIMITS.maxBranchesPerReport * 65)
      .optional()
      .transform((s, ctx) => {
        if (s === undefined || s === '') return undefined;
        const ids = s.split(',');
        for (const id of ids)
          if (!BranchId.safeParse(id).success) {
            ctx.addIssue({ code: 'custom', message: `not a branch id: ${id.slice(0, 64)}` });
            return z.NEVER;
          }
        return ids;
      }),
    region: z.string().max(80).optional(),
  })
  .refine((q) => q.from <= q.to && addDays(q.from, CENTRAL_LIMITS.maxReportDays) > q.to, {
    message: `from must not be after to, and a range is at most ${CENTRAL_LIMITS.maxReportDays} days`,
  });
export type CentralReportQuery = z.infer<typeof CentralReportQuery>;
export const CentralReportName = z.enum(CENTRAL_REPORT_NAMES);
export const CentralReportReply = ReportTable.extend({ groupBy: z.enum(CENTRAL_GROUP_BYS), branches: z.array(BranchId) });
export type CentralReportReply = z.infer<typeof CentralReportReply>;

/** How a branch reaches head office (environment of the branch server, docs/OPERATIONS.md). */
export const CentralLinkEnv = z.object({
  RINDA_CENTRAL_URL: z.url({ protocol: /^https?$/ }).optional(),
  RINDA_CENTRAL_BRANCH_ID: BranchId.optional(),
  RINDA_CENTRAL_ENROLMENT_CODE: EnrolmentCode.optional(),
  /** A PEM file of the certificate head office presents (self-signed or a private CA). */
  RINDA_CENTRAL_CA: z.string().min(1).optional(),
  /** Plain HTTP to head office: only for loopback tests; a real branch ships over HTTPS. */
  RINDA_CENTRAL_ALLOW_HTTP: z.enum(['0', '1']).optional(),
  RINDA_CENTRAL_BATCH: z.coerce.number().int().min(1).max(CENTRAL_LIMITS.maxBatchRecords).optional(),
  /** Seconds between the branch's configuration-bundle syncs (default 60). */
  RINDA_CENTRAL_BUNDLE_POLL_SEC: z.coerce.number().int().min(1).max(3600).optional(),
});
export type CentralLinkEnv = z.infer<typeof CentralLinkEnv>;

/** Head office's HTTP paths (apps/central/src/http/central-app.ts serves them with the schemas above). */
export const CENTRAL_PATHS = {
  enrol: '/api/central/enrol',
  batches: '/api/central/batches',
  branches: '/api/admin/branches',
  branchStates: '/api/branches',
  report: '/api/reports/:name',
} as const;

/** Head office's start options (apps/central/src/main.ts), a flag winning over its environment variable. */
export const CentralServerOptions = z.object({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, '--database-url must be a postgres:// URL').optional(),
  dataDir: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  tls: z.enum(['self-signed', 'provided', 'off']),
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  adminToken: z.string().min(24, 'RINDA_CENTRAL_ADMIN_TOKEN must be at least 24 characters').optional(),
  demo: z.boolean(),
  allowRoot: z.boolean(),
});
export type CentralServerOptions = z.infer<typeof CentralServerOptions>;
