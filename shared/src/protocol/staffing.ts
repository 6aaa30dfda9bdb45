import { z } from 'zod';

/**
 * The live staffing alerts broadcast to staff (`staffing:alerts`, and in staff snapshots). Staffing advice over
 * HTTP is in shared/src/http/staffing.ts.
 */

/** What would fix an alert: call the next ticket at a free counter, or open more counters for the service. */
export const AlertFix = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callNext'), counterIds: z.array(z.string()) }),
  /** `counterIds`: closed or paused counters that serve the service (may be fewer than `count`, or none). */
  z.object({ kind: z.literal('openCounters'), count: z.number().int().min(1), counterIds: z.array(z.string()) }),
]);
export type AlertFix = z.infer<typeof AlertFix>;

export const StaffingAlert = z.discriminatedUnion('kind', [
  /** The service level projected for the whole business day falls below the service's goal. */
  z.object({
    id: z.string(),
    kind: z.literal('serviceLevel'),
    serviceId: z.string(),
    projectedPercent: z.number(),
    goalPercent: z.number(),
    /** Even the fix cannot bring the day back to its goal (too much is already missed): it limits the loss. */
    goalOutOfReach: z.boolean(),
    fix: AlertFix,
  }),
  /** Tickets about to pass the service's target T (waited at least NEAR_TARGET_SHARE of it). */
  z.object({
    id: z.string(),
    kind: z.literal('nearTarget'),
    serviceId: z.string(),
    tickets: z.number().int().min(1),
    /** The ticket that passes T first, and when. */
    displayNumber: z.string(),
    passesAt: z.number(),
    fix: AlertFix,
  }),
]);
export type StaffingAlert = z.infer<typeof StaffingAlert>;

/** A waiting ticket at or past this share of its service's T is about to pass it (monitor and alerts alike). */
export const NEAR_TARGET_SHARE = 0.8;
