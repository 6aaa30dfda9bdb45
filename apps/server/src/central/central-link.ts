import { readFileSync } from 'node:fs';
import { CENTRAL_PATHS, CentralLinkEnv, EnrolReply } from '@rinda/shared';
import type { Db } from '../db/database';
import { postJson } from './central-http';

export interface CentralLink {
  url: string;
  branchId: string;
  token: string;
  ca?: string;
}

export type LinkResult = { ok: true; link: CentralLink | null } | { ok: false; message: string; retry: boolean };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The branch's link to head office from its environment (docs/OPERATIONS.md, "Enrolling a branch at head
 * office"): none when RINDA_CENTRAL_URL is unset. HTTPS is the default and the rule; plain HTTP only to a
 * loopback address with RINDA_CENTRAL_ALLOW_HTTP=1 (tests). A branch enrolled before keeps its stored token;
 * a new one trades its one-time code for a token once and stores it.
 */
export async function resolveCentralLink(db: Db, env: Record<string, string | undefined>): Promise<LinkResult> {
  const parsed = CentralLinkEnv.safeParse(env);
  if (!parsed.success)
    return { ok: false, retry: false, message: `Invalid head-office settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const e = parsed.data;
  if (!e.RINDA_CENTRAL_URL) return { ok: true, link: null };
  const url = new URL(e.RINDA_CENTRAL_URL);
  if (url.protocol === 'http:' && !(e.RINDA_CENTRAL_ALLOW_HTTP === '1' && LOOPBACK.has(url.hostname)))
    return { ok: false, retry: false, message: 'RINDA_CENTRAL_URL must be https:// (plain HTTP only to a loopback address with RINDA_CENTRAL_ALLOW_HTTP=1, for tests)' };
  const ca = e.RINDA_CENTRAL_CA ? readFileSync(e.RINDA_CENTRAL_CA, 'utf8') : undefined;
  const base = e.RINDA_CENTRAL_URL.replace(/\/$/, '');
  const stored = db.prepare('SELECT url, branch_id AS branchId, token FROM central_link WHERE id = 1').get() as CentralLink | undefined;
  if (stored && stored.url === base && (!e.RINDA_CENTRAL_BRANCH_ID || stored.branchId === e.RINDA_CENTRAL_BRANCH_ID))
    return { ok: true, link: { ...stored, ...(ca ? { ca } : {}) } };
  if (!e.RINDA_CENTRAL_BRANCH_ID || !e.RINDA_CENTRAL_ENROLMENT_CODE)
    return { ok: false, retry: false, message: 'This branch is not enrolled at head office yet: set RINDA_CENTRAL_BRANCH_ID and RINDA_CENTRAL_ENROLMENT_CODE (from head office) once' };
  const reply = await postJson(`${base}${CENTRAL_PATHS.enrol}`, { branchId: e.RINDA_CENTRAL_BRANCH_ID, code: e.RINDA_CENTRAL_ENROLMENT_CODE }, ca ? { ca } : {}).catch(
    (error: Error) => ({ status: 0, body: error.message }),
  );
  const enrolled = reply.status === 200 ? EnrolReply.safeParse(reply.body) : null;
  // Unreachable (status 0) or failing (5xx): try again later; a refusal of the code (4xx) needs a person.
  if (!enrolled?.success) return { ok: false, retry: reply.status === 0 || reply.status >= 500, message: `Head office refused the enrolment (${reply.status}): ${JSON.stringify(reply.body)}` };
  const link = { url: base, branchId: enrolled.data.branchId, token: enrolled.data.token };
  // A new link (another head office or branch id) starts its confirmed position over: head office says where it is.
  db.prepare(
    `INSERT INTO central_link (id, url, branch_id, token, stored_through) VALUES (1, @url, @branchId, @token, 0)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, branch_id = excluded.branch_id, token = excluded.token, stored_through = 0`,
  ).run(link);
  return { ok: true, link: { ...link, ...(ca ? { ca } : {}) } };
}
