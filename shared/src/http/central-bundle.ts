import { z } from 'zod';
import { BundleOutcome, BundleRef } from '../central/config-bundle';
import { BranchConfig } from '../config/branch-config';
import { defineRoute } from './route';

/**
 * The branch's view of head office's configuration bundles (docs/ARCHITECTURE.md, "Configuration from the
 * centre"): what it runs, a bundle held back because it would overwrite local changes, and the local changes.
 */
export const CentralBundleStateReply = z.object({
  running: BundleRef.extend({ appliedAt: z.number() }).nullable(),
  held: BundleRef.extend({ note: z.string() }).nullable(),
  last: BundleOutcome.nullable(),
  /** Values the running bundle sets that were changed here since (`services.cash.targetWaitMin`). */
  drift: z.array(z.string()),
});
export type CentralBundleStateReply = z.infer<typeof CentralBundleStateReply>;

export const CentralBundleRoute = defineRoute({ method: 'GET', path: '/api/admin/central-bundle', roles: ['manager'], reply: CentralBundleStateReply });

/** Applies the held bundle over this branch's local changes (audited as the manager's); NOT_FOUND when none is held. */
export const AcceptCentralBundleRoute = defineRoute({
  method: 'POST',
  path: '/api/admin/central-bundle/accept',
  roles: ['manager'],
  body: z.strictObject({ version: z.number().int().positive() }),
  reply: z.object({ applied: BundleRef, config: BranchConfig }),
});
