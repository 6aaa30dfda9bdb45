import { z } from 'zod';
import { PriorityPolicy, PriorityReason, ServiceConfig } from '../config/branch-config';
import { BranchId } from './central-wire';

/**
 * Configuration bundles from head office (docs/ARCHITECTURE.md, "Configuration from the centre"): what head
 * office manages for a chain, the routes that publish, assign and show bundles, and the branch's sync.
 * Every limit here is in docs/SECURITY.md ("Head office").
 */
export const BUNDLE_LIMITS = {
  /** Services and priority reasons in one bundle (a branch has a handful; a chain's catalogue a few dozen). */
  maxServices: 100,
  maxPriorityReasons: 50,
  /** A bundle's content as canonical JSON: 100 services with six names each are ~60 KB. */
  maxContentBytes: 256 * 1024,
  maxNoteChars: 200,
  /** Drifted paths one sync may report, and the length of each and of a failure's reason. */
  maxDriftPaths: 500,
  maxPathChars: 120,
  maxReasonChars: 500,
} as const;

/** A service as head office manages it: everything but its opening hours, which each branch keeps. */
export const BundleService = z.strictObject(ServiceConfig.omit({ openingHours: true }).shape);
export type BundleService = z.infer<typeof BundleService>;

/** What a bundle sets; a section left out stays the branch's own. */
export const BundleContent = z
  .strictObject({
    services: z.array(BundleService).min(1).max(BUNDLE_LIMITS.maxServices).optional(),
    priorityReasons: z.array(z.strictObject(PriorityReason.shape)).max(BUNDLE_LIMITS.maxPriorityReasons).optional(),
    priorityPolicy: z.strictObject(PriorityPolicy.shape).optional(),
  })
  .refine((c) => c.services !== undefined || c.priorityReasons !== undefined || c.priorityPolicy !== undefined, {
    message: 'a bundle sets at least one of services, priorityReasons, priorityPolicy',
  })
  .refine((c) => unique(c.services?.map((s) => s.id)) && unique(c.priorityReasons?.map((r) => r.id)), {
    message: 'a bundle names each service and priority reason once',
  });
export type BundleContent = z.infer<typeof BundleContent>;

function unique(ids: string[] | undefined): boolean {
  return ids === undefined || new Set(ids).size === ids.length;
}

const Version = z.number().int().positive();
/** sha256 of the content's canonical JSON, hex. */
const Hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const Note = z.string().trim().max(BUNDLE_LIMITS.maxNoteChars);

export const ConfigBundle = z.object({ version: Version, hash: Hash, content: BundleContent, note: z.string(), createdAt: z.number() });
export type ConfigBundle = z.infer<typeof ConfigBundle>;
export const BundleRef = z.object({ version: Version, hash: Hash });
export type BundleRef = z.infer<typeof BundleRef>;

export const PublishBundleRequest = z.strictObject({ content: BundleContent, note: Note.default('') });
export type PublishBundleRequest = z.infer<typeof PublishBundleRequest>;
export const PublishBundleReply = z.object({ version: Version, hash: Hash, createdAt: z.number() });

export const BundleVersionParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Assign to the branches named, or to every branch of a region; `force` overrides a branch's conflict. */
export const AssignBundleRequest = z
  .strictObject({
    branches: z.array(BranchId).min(1).max(1000).optional(),
    region: z.string().trim().min(1).max(80).optional(),
    force: z.boolean().default(false),
  })
  .refine((a) => (a.branches === undefined) !== (a.region === undefined), { message: 'give either branches or region' });
export type AssignBundleRequest = z.infer<typeof AssignBundleRequest>;
export const AssignBundleReply = z.object({ version: Version, branches: z.array(BranchId) });

export const BUNDLE_OUTCOMES = ['applied', 'failed', 'conflict'] as const;
const DriftPaths = z.array(z.string().min(1).max(BUNDLE_LIMITS.maxPathChars)).max(BUNDLE_LIMITS.maxDriftPaths);

/** What the branch did with the last bundle it tried (kept until it tries another). */
export const BundleOutcome = z.object({
  version: Version,
  hash: Hash,
  outcome: z.enum(BUNDLE_OUTCOMES),
  /** Why it failed, or which drifted values the bundle would have changed (conflict). */
  reason: z.string().max(BUNDLE_LIMITS.maxReasonChars).nullable(),
  at: z.number(),
});
export type BundleOutcome = z.infer<typeof BundleOutcome>;

/** The branch's report: what it runs, what it changed locally, and how its last try went. It is the acknowledgement. */
export const BundleSyncRequest = z.strictObject({
  branchId: BranchId,
  running: BundleRef.nullable(),
  drift: DriftPaths,
  last: BundleOutcome.nullable(),
});
export type BundleSyncRequest = z.infer<typeof BundleSyncRequest>;

/** The assigned bundle when the branch does not run it yet, else null. */
export const BundleSyncReply = z.object({ bundle: ConfigBundle.nullable(), force: z.boolean() });
export type BundleSyncReply = z.infer<typeof BundleSyncReply>;

export const BUNDLE_STATES = ['unassigned', 'pending', 'applied', 'drifted', 'conflict', 'failed'] as const;
export type BundleState = (typeof BUNDLE_STATES)[number];

export const BranchBundleStatus = z.object({
  branchId: BranchId,
  region: z.string(),
  assigned: BundleRef.extend({ force: z.boolean(), assignedAt: z.number() }).nullable(),
  running: BundleRef.nullable(),
  state: z.enum(BUNDLE_STATES),
  /** The failure's reason, or the conflicting paths. */
  reason: z.string().nullable(),
  drift: DriftPaths,
  /** Head office's clock at the branch's last sync; null if never. */
  lastSyncAt: z.number().nullable(),
});
export type BranchBundleStatus = z.infer<typeof BranchBundleStatus>;
export const BundleStatusReply = z.object({ now: z.number(), branches: z.array(BranchBundleStatus) });
export type BundleStatusReply = z.infer<typeof BundleStatusReply>;

/** Head office's bundle routes (apps/central/src/bundles/bundle-routes.ts). */
export const BUNDLE_PATHS = {
  publish: '/api/admin/bundles',
  bundle: '/api/admin/bundles/:version',
  assign: '/api/admin/bundles/:version/assign',
  status: '/api/admin/bundle-status',
  sync: '/api/central/bundles/sync',
} as const;

const LOOPBACK_HTTP = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/**
 * `npm run central:bundle` (apps/central/src/bundle-cli.ts): its command, flags and environment, checked before
 * anything is sent. The administrators' token only travels over HTTPS (plain HTTP to a loopback address only).
 */
export const BundleCliOptions = z
  .object({
    command: z.enum(['publish', 'assign', 'status'], { error: 'the command is publish, assign or status' }),
    url: z.url({ protocol: /^https?$/, error: '--url (or RINDA_CENTRAL_URL): head office https:// address' }),
    ca: z.string().min(1).optional(),
    adminToken: z.string({ error: 'RINDA_CENTRAL_ADMIN_TOKEN is required' }).min(24, 'RINDA_CENTRAL_ADMIN_TOKEN must be at least 24 characters'),
    file: z.string().min(1).optional(),
    note: Note.optional(),
    version: BundleVersionParam.optional(),
    region: z.string().trim().min(1).max(80).optional(),
    branches: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined) return undefined;
        const ids = s.split(',').filter((id) => id !== '');
        const bad = ids.find((id) => !BranchId.safeParse(id).success);
        if (bad !== undefined || ids.length === 0) {
          ctx.addIssue({ code: 'custom', message: `--branches: not a list of branch ids (${(bad ?? s).slice(0, 64)})` });
          return z.NEVER;
        }
        return ids;
      }),
    force: z.boolean(),
  })
  .superRefine((o, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (o.url.startsWith('http:') && !LOOPBACK_HTTP.test(o.url)) issue('--url must be https:// (plain HTTP only to a loopback address)');
    if (o.command === 'publish' && o.file === undefined) issue('publish needs --file bundle.json');
    if (o.command === 'assign' && o.version === undefined) issue('assign needs --version N');
    if (o.region !== undefined && o.branches !== undefined) issue('give --region or --branches, not both');
    if (o.command === 'assign' && o.region === undefined && o.branches === undefined) issue('assign needs --region R or --branches a,b');
    if (o.force && o.region === undefined && o.branches === undefined) issue('--force goes with --region or --branches');
  });
export type BundleCliOptions = z.infer<typeof BundleCliOptions>;
