import { BranchConfig, type BranchConfigInput } from '../config/branch-config';
import type { BundleContent, BundleOutcome, BundleRef, BundleState } from './config-bundle';

/**
 * The rules of configuration bundles, pure (docs/ARCHITECTURE.md, "Configuration from the centre"): what a
 * bundle manages, how it merges into a branch's configuration, what counts as a local change (drift), when a
 * new bundle is held as a conflict, and the state head office shows for a branch.
 */

/** JSON with object keys sorted at every level: the same content always has the same text, and so the same hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Every value a bundle sets, by path: `services.<id>.<field>` for each field of each service it names,
 * `priorityReasons.<id>`, `priorityPolicy`. Paths are what drift and conflicts are reported in.
 */
export function managedValues(content: BundleContent): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const service of content.services ?? []) for (const [field, value] of Object.entries(service)) values.set(`services.${service.id}.${field}`, value);
  for (const reason of content.priorityReasons ?? []) values.set(`priorityReasons.${reason.id}`, reason);
  if (content.priorityPolicy) values.set('priorityPolicy', content.priorityPolicy);
  return values;
}

/** The branch's value at a managed path (undefined when the service or reason is not there). */
export function valueAt(config: BranchConfig, path: string): unknown {
  const [section, id, field] = path.split('.');
  if (section === 'priorityPolicy') return config.priorityPolicy;
  if (section === 'priorityReasons') return config.priorityReasons.find((r) => r.id === id);
  if (section === 'services') {
    const service = config.services.find((s) => s.id === id);
    return service && field !== undefined ? (service as Record<string, unknown>)[field] : undefined;
  }
  return undefined;
}

/** Values the running bundle sets that the branch has since changed: its local changes, in path order. */
export function driftPaths(config: BranchConfig, running: BundleContent): string[] {
  return [...managedValues(running)].filter(([path, value]) => !same(valueAt(config, path), value)).map(([path]) => path);
}

/**
 * The branch's configuration with the bundle merged in: services and priority reasons upserted by id (never
 * deleted, since counters and tickets refer to them; a bundle withdraws one with `active: false`), a new service
 * open whenever the branch is (its opening hours are the branch's), the priority policy replaced.
 */
export function mergeBundle(config: BranchConfig, content: BundleContent): BranchConfigInput {
  const services = content.services
    ? upsert(
        config.services,
        content.services.map((s) => ({ ...s, openingHours: config.services.find((mine) => mine.id === s.id)?.openingHours ?? null })),
      )
    : config.services;
  const priorityReasons = content.priorityReasons ? upsert(config.priorityReasons, content.priorityReasons) : config.priorityReasons;
  return { ...config, services, priorityReasons, priorityPolicy: content.priorityPolicy ?? config.priorityPolicy };
}

function upsert<T extends { id: string }>(mine: readonly T[], theirs: readonly T[]): T[] {
  const byId = new Map(theirs.map((t) => [t.id, t]));
  return [...mine.map((m) => byId.get(m.id) ?? m), ...theirs.filter((t) => !mine.some((m) => m.id === t.id))];
}

export type BundleDecision =
  /** Apply: the next configuration (valid), and the local changes it overwrites (only when forced or accepted). */
  | { kind: 'apply'; config: BranchConfig; overwritten: string[] }
  /** Held: the bundle would change values the branch changed locally; nothing applied. */
  | { kind: 'conflict'; paths: string[] }
  /** Refused: the merge is not a valid configuration; nothing applied. */
  | { kind: 'invalid'; reason: string };

/**
 * What a branch does with a bundle. A local change (drift from the running bundle) is never overwritten
 * silently: a bundle that would set a drifted value to something other than the branch has now is a conflict,
 * unless `force` (head office forced it, or the branch's manager accepted it). A bundle that leaves the drifted
 * values alone, or sets them to what the branch already has, applies.
 */
export function decideBundle(input: { config: BranchConfig; running: BundleContent | null; incoming: BundleContent; force: boolean }): BundleDecision {
  const drift = input.running ? driftPaths(input.config, input.running) : [];
  const incoming = managedValues(input.incoming);
  const touched = drift.filter((path) => incoming.has(path) && !same(incoming.get(path), valueAt(input.config, path)));
  if (touched.length > 0 && !input.force) return { kind: 'conflict', paths: touched };
  const parsed = BranchConfig.safeParse(mergeBundle(input.config, input.incoming));
  if (!parsed.success)
    return {
      kind: 'invalid',
      reason: `the configuration with this bundle would be invalid: ${parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`)
        .join('; ')}`,
    };
  return { kind: 'apply', config: parsed.data, overwritten: touched };
}

/**
 * The state head office shows for a branch, from its assignment and the branch's last report. A conflict the
 * assignment forces is pending again (the branch applies it at its next sync).
 */
export function bundleState(
  assigned: (BundleRef & { force: boolean }) | null,
  report: { running: BundleRef | null; drift: string[]; last: BundleOutcome | null } | null,
): { state: BundleState; reason: string | null } {
  if (!assigned) return { state: 'unassigned', reason: null };
  const isAssigned = (ref: BundleRef | null | undefined) => ref?.version === assigned.version && ref.hash === assigned.hash;
  if (report && isAssigned(report.running)) return report.drift.length > 0 ? { state: 'drifted', reason: null } : { state: 'applied', reason: null };
  const last = report?.last;
  if (last && isAssigned(last) && last.outcome === 'failed') return { state: 'failed', reason: last.reason };
  if (last && isAssigned(last) && last.outcome === 'conflict' && !assigned.force) return { state: 'conflict', reason: last.reason };
  return { state: 'pending', reason: null };
}
