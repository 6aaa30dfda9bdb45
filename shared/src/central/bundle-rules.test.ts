import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoBranchConfig as config } from '../config/demo-config';
import { BundleContent } from './config-bundle';
import { bundleState, canonicalJson, decideBundle, driftPaths, mergeBundle } from './bundle-rules';

const cash = config.services.find((s) => s.id === 'cash')!;
const { openingHours: _hours, ...cashCentral } = cash;
const bundle = (input: unknown) => BundleContent.parse(input);
const v1 = bundle({ services: [{ ...cashCentral, targetWaitMin: 8 }], priorityPolicy: { priority: 1, normal: 3, maxNormalWaitMin: 25 } });
const applied = (content: BundleContent) => {
  const decision = decideBundle({ config, running: null, incoming: content, force: false });
  if (decision.kind !== 'apply') throw new Error(JSON.stringify(decision));
  return decision.config;
};

describe('configuration bundles: merging', () => {
  it("sets what the bundle names and keeps the branch's own parts: counters, opening hours, other services", () => {
    const loans = config.services.find((s) => s.id === 'loans')!;
    const { openingHours: _h, ...loansCentral } = loans;
    const next = applied(bundle({ services: [{ ...loansCentral, goalPercent: 70 }] }));
    expect(next.services.find((s) => s.id === 'loans')).toEqual({ ...loans, goalPercent: 70 });
    expect(next.services.find((s) => s.id === 'loans')!.openingHours).toEqual(loans.openingHours);
    expect(next.counters).toEqual(config.counters);
    expect(next.services.filter((s) => s.id !== 'loans')).toEqual(config.services.filter((s) => s.id !== 'loans'));
    expect(next.priorityPolicy).toEqual(config.priorityPolicy);
  });

  it('adds a new service at the end, open whenever the branch is, and never deletes one', () => {
    const next = applied(bundle({ services: [{ ...cashCentral, id: 'mortgages', prefix: 'M' }] }));
    expect(next.services.map((s) => s.id)).toEqual([...config.services.map((s) => s.id), 'mortgages']);
    expect(next.services.at(-1)!.openingHours).toBeNull();
  });

  it('refuses a bundle whose merge is not a valid configuration, naming why', () => {
    const decision = decideBundle({ config, running: null, incoming: bundle({ services: [{ ...cashCentral, id: 'other', prefix: cash.prefix }] }), force: false });
    expect(decision).toMatchObject({ kind: 'invalid' });
    expect(decision.kind === 'invalid' && decision.reason).toMatch(/duplicate prefix A/);
  });

  it('hashes the same content the same whatever the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describe('configuration bundles: local changes', () => {
  const running = applied(v1);

  it('finds no drift right after a bundle is applied, and names each value a manager changed since', () => {
    expect(driftPaths(running, v1)).toEqual([]);
    const changed = { ...running, services: running.services.map((s) => (s.id === 'cash' ? { ...s, targetWaitMin: 12 } : s)) };
    expect(driftPaths(changed, v1)).toEqual(['services.cash.targetWaitMin']);
  });

  it("does not count a change head office does not manage (a counter, opening hours) as drift", () => {
    const changed = { ...running, counters: running.counters.slice(0, 2), services: running.services.map((s) => (s.id === 'cash' ? { ...s, openingHours: [{ days: [1], from: '09:00', to: '12:00' }] } : s)) };
    expect(driftPaths(changed, v1)).toEqual([]);
  });

  it('holds a bundle that would overwrite a local change as a conflict, and applies it when forced', () => {
    const changed = { ...running, services: running.services.map((s) => (s.id === 'cash' ? { ...s, targetWaitMin: 12 } : s)) };
    const v2 = bundle({ ...v1, services: [{ ...cashCentral, targetWaitMin: 6 }] });
    expect(decideBundle({ config: changed, running: v1, incoming: v2, force: false })).toEqual({ kind: 'conflict', paths: ['services.cash.targetWaitMin'] });
    const forced = decideBundle({ config: changed, running: v1, incoming: v2, force: true });
    expect(forced).toMatchObject({ kind: 'apply', overwritten: ['services.cash.targetWaitMin'] });
  });

  it('applies a bundle that leaves the changed value alone, or agrees with it', () => {
    const changed = { ...running, priorityPolicy: { priority: 2, normal: 2, maxNormalWaitMin: 30 } };
    const servicesOnly = bundle({ services: [{ ...cashCentral, goalPercent: 95 }] });
    expect(decideBundle({ config: changed, running: v1, incoming: servicesOnly, force: false })).toMatchObject({ kind: 'apply', overwritten: [] });
    const agrees = bundle({ ...v1, priorityPolicy: changed.priorityPolicy, services: [{ ...cashCentral, targetWaitMin: 9 }] });
    expect(decideBundle({ config: changed, running: v1, incoming: agrees, force: false })).toMatchObject({ kind: 'apply' });
  });

  it('never overwrites a local change without force, whatever the bundles and the change (property)', () => {
    const target = fc.integer({ min: 1, max: 60 });
    fc.assert(
      fc.property(target, target, target, (first, local, next) => {
        const b1 = bundle({ services: [{ ...cashCentral, targetWaitMin: first }] });
        const b2 = bundle({ services: [{ ...cashCentral, targetWaitMin: next }] });
        const base = applied(b1);
        const changed = { ...base, services: base.services.map((s) => (s.id === 'cash' ? { ...s, targetWaitMin: local } : s)) };
        const decision = decideBundle({ config: changed, running: b1, incoming: b2, force: false });
        const after = decision.kind === 'apply' ? decision.config : changed;
        // A local change survives unless the new bundle happens to say the same.
        if (local !== first) expect(after.services.find((s) => s.id === 'cash')!.targetWaitMin).toBe(local);
        else expect(after.services.find((s) => s.id === 'cash')!.targetWaitMin).toBe(next);
        expect(driftPaths(mergeBundle(after, b2) as typeof after, b2)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('configuration bundles: what head office shows', () => {
  const ref = { version: 2, hash: 'b'.repeat(64) };
  const outcome = (o: 'applied' | 'failed' | 'conflict') => ({ ...ref, outcome: o, reason: 'why', at: 1 });
  it('names each state from the assignment and the last report', () => {
    expect(bundleState(null, null).state).toBe('unassigned');
    expect(bundleState({ ...ref, force: false }, null).state).toBe('pending');
    expect(bundleState({ ...ref, force: false }, { running: { version: 1, hash: 'a'.repeat(64) }, drift: [], last: null }).state).toBe('pending');
    expect(bundleState({ ...ref, force: false }, { running: ref, drift: [], last: outcome('applied') }).state).toBe('applied');
    expect(bundleState({ ...ref, force: false }, { running: ref, drift: ['priorityPolicy'], last: outcome('applied') }).state).toBe('drifted');
    expect(bundleState({ ...ref, force: false }, { running: null, drift: [], last: outcome('failed') })).toEqual({ state: 'failed', reason: 'why' });
    expect(bundleState({ ...ref, force: false }, { running: null, drift: [], last: outcome('conflict') })).toEqual({ state: 'conflict', reason: 'why' });
    expect(bundleState({ ...ref, force: true }, { running: null, drift: [], last: outcome('conflict') }).state).toBe('pending');
  });
});
