import { z } from 'zod';
import { BranchConfig, CounterConfig, PriorityPolicy, PriorityReason, ServiceConfig, StaffingAlertSettings } from '../config/branch-config';
import { defineRoute } from './route';

/**
 * Each route replaces one part of the configuration; the whole result must still be a valid BranchConfig
 * (else BAD_REQUEST). Every change is applied live, broadcast as `config:changed` and audited.
 */
const ConfigReply = z.object({ config: BranchConfig });
const EntryParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) });
const manager = ['manager'] as const;

export const ConfigRoute = defineRoute({ method: 'GET', path: '/api/admin/config', roles: manager, reply: ConfigReply });

export const PutBranchRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/branch',
  roles: manager,
  body: BranchConfig.shape.branch,
  reply: ConfigReply,
});

/** Replaces the service with this id or adds it; the body's id must be the address's. */
export const PutServiceRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/services/:id',
  roles: manager,
  params: EntryParams,
  body: ServiceConfig,
  reply: ConfigReply,
});

/** Replaces the counter with this id or adds it; the body's id must be the address's. */
export const PutCounterRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/counters/:id',
  roles: manager,
  params: EntryParams,
  body: CounterConfig,
  reply: ConfigReply,
});

/** Refused (CONFLICT) while a teller is signed in there. */
export const DeleteCounterRoute = defineRoute({
  method: 'DELETE',
  path: '/api/admin/counters/:id',
  roles: manager,
  params: EntryParams,
  reply: ConfigReply,
});

/** Whether tellers get their services' staffing alerts (a notice and a tone); managers always do. */
export const PutAlertsRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/alerts',
  roles: manager,
  body: StaffingAlertSettings,
  reply: ConfigReply,
});

export const PutPriorityPolicyRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/priority-policy',
  roles: manager,
  body: PriorityPolicy,
  reply: ConfigReply,
});

export const PutPriorityReasonsRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/priority-reasons',
  roles: manager,
  body: z.array(PriorityReason).max(20),
  reply: ConfigReply,
});

/** The kiosk printers' profiles, by id (`standard` required); a kiosk naming one removed prints with `standard`. */
export const PutPrinterProfilesRoute = defineRoute({
  method: 'PUT',
  path: '/api/admin/printer-profiles',
  roles: manager,
  body: BranchConfig.shape.printerProfiles,
  reply: ConfigReply,
});
