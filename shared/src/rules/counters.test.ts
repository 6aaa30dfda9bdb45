import { describe, expect, it } from 'vitest';
import type { Command } from './types';
import { Branch } from './test-kit';

const code = (b: Branch, cmd: Command) => {
  const r = b.run(cmd);
  return r.ok ? 'ok' : r.error.code;
};

describe('sign-in', () => {
  it('opens a closed counter for one teller and refuses a second (COUNTER_TAKEN)', () => {
    const b = new Branch();
    b.must({ type: 'signIn', counterId: 'c1', tellerId: 'anna' });
    expect(b.state.counters.c1).toMatchObject({ state: 'open', tellerId: 'anna', since: b.now, activeTicketId: null });
    const r = b.run({ type: 'signIn', counterId: 'c1', tellerId: 'bob' });
    expect(r).toMatchObject({ ok: false, error: { code: 'COUNTER_TAKEN' } });
  });

  it('signing in again at the same counter changes nothing', () => {
    const b = new Branch();
    b.must({ type: 'signIn', counterId: 'c1', tellerId: 'anna' });
    expect(b.must({ type: 'signIn', counterId: 'c1', tellerId: 'anna' })).toEqual([]);
  });

  it('moves a teller from another counter by signing them out of it', () => {
    const b = new Branch();
    b.must({ type: 'signIn', counterId: 'c1', tellerId: 'anna' });
    expect(b.must({ type: 'signIn', counterId: 'c2', tellerId: 'anna' }).map((e) => e.type)).toEqual(['counter.signedOut', 'counter.signedIn']);
    expect(b.state.counters.c1).toMatchObject({ state: 'closed', tellerId: null });
    expect(b.state.counters.c2).toMatchObject({ state: 'open', tellerId: 'anna' });
  });

  it('refuses the move while the teller still has a customer at the other counter', () => {
    const b = new Branch();
    b.must({ type: 'signIn', counterId: 'c1', tellerId: 'anna' });
    b.issue('cash');
    b.must({ type: 'callNext', counterId: 'c1', tellerId: 'anna' });
    expect(code(b, { type: 'signIn', counterId: 'c2', tellerId: 'anna' })).toBe('COUNTER_BUSY');
  });

  it('refuses an unknown counter', () => {
    expect(code(new Branch(), { type: 'signIn', counterId: 'c9', tellerId: 'anna' })).toBe('NOT_FOUND');
  });
});

describe('acting at a counter', () => {
  it('refuses every counter command from a teller not signed in there (FORBIDDEN)', () => {
    const b = new Branch();
    b.must({ type: 'signIn', counterId: 'c2', tellerId: 'anna' });
    b.issue('cash');
    const by = { counterId: 'c2', tellerId: 'bob' };
    const commands: Command[] = [
      { type: 'callNext', ...by },
      { type: 'recall', ...by },
      { type: 'start', ...by },
      { type: 'finish', ...by },
      { type: 'noShow', ...by },
      { type: 'pause', ...by, reasonId: 'break' },
      { type: 'resume', ...by },
      { type: 'signOut', ...by },
      { type: 'transfer', ...by, target: { kind: 'service', serviceId: 'accounts' }, position: 'back' },
    ];
    for (const cmd of commands) expect([cmd.type, code(b, cmd)]).toEqual([cmd.type, 'FORBIDDEN']);
  });

  it('refuses calls at a closed counter (COUNTER_CLOSED)', () => {
    const b = new Branch();
    b.issue('cash');
    expect(code(b, { type: 'callNext', counterId: 'c2', tellerId: 'anna' })).toBe('COUNTER_CLOSED');
  });
});

describe('pause, resume, sign-out', () => {
  it('pauses with a configured reason, refuses calls while paused, and resumes', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    const by = { counterId: 'c2', tellerId: 'teller-c2' };
    expect(code(b, { type: 'pause', ...by, reasonId: 'lunch' })).toBe('BAD_REQUEST');
    b.must({ type: 'pause', ...by, reasonId: 'break' });
    expect(b.state.counters.c2).toMatchObject({ state: 'paused', pauseReasonId: 'break' });
    expect(code(b, { type: 'callNext', ...by })).toBe('COUNTER_CLOSED');
    expect(code(b, { type: 'pause', ...by, reasonId: 'break' })).toBe('INVALID_STATE');
    b.must({ type: 'resume', ...by });
    expect(b.state.counters.c2).toMatchObject({ state: 'open', pauseReasonId: null });
    expect(code(b, { type: 'resume', ...by })).toBe('INVALID_STATE');
    expect(code(b, { type: 'callNext', ...by })).toBe('ok');
  });

  it('refuses pause and sign-out while holding a customer (COUNTER_BUSY), then signs out', () => {
    const b = new Branch().signIn('c2');
    b.issue('cash');
    const by = { counterId: 'c2', tellerId: 'teller-c2' };
    b.callNext('c2');
    expect(code(b, { type: 'pause', ...by, reasonId: 'break' })).toBe('COUNTER_BUSY');
    expect(code(b, { type: 'signOut', ...by })).toBe('COUNTER_BUSY');
    b.finish('c2');
    b.must({ type: 'signOut', ...by });
    expect(b.state.counters.c2).toMatchObject({ state: 'closed', tellerId: null });
    expect(code(b, { type: 'signIn', counterId: 'c2', tellerId: 'bob' })).toBe('ok');
  });

  it('signs out of a paused counter', () => {
    const b = new Branch().signIn('c2');
    b.must({ type: 'pause', counterId: 'c2', tellerId: 'teller-c2', reasonId: 'meeting' });
    b.must({ type: 'signOut', counterId: 'c2', tellerId: 'teller-c2' });
    expect(b.state.counters.c2?.state).toBe('closed');
  });
});
