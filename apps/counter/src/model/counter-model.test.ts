import { describe, expect, it } from 'vitest';
import { counterStatusOf, decide, type BranchSnapshot, type Command } from '@rinda/shared';
// The rules' own test branch: tickets and counters come from the real decide/applyEvent, not hand-made objects.
import { Branch } from '../../../../shared/src/rules/test-kit';
import { allowedActions, counterModel, heldCounterId, mainAction, type ActionId } from './counter-model';
import { actionForKey } from './shortcuts';

const ANNA = 'u-anna';

/** What a teller's snapshot of this branch would hold. */
function snapshotOf(branch: Branch, me = ANNA): BranchSnapshot {
  const state = branch.state;
  return {
    epoch: 'e1',
    seq: 1,
    serverTime: branch.now,
    role: 'teller',
    me: { id: me, name: 'Anna', role: 'teller' },
    config: state.config,
    queues: [],
    counters: state.config.counters.map((c) => ({ ...counterStatusOf(state, c.id), tellerName: null })),
    tickets: state.tickets.values(),
    recentCalls: [],
    devices: [],
    alerts: [],
  };
}

function modelAt(branch: Branch, counterId = 'c2') {
  const model = counterModel(snapshotOf(branch), counterId, branch.now);
  if (!model) throw new Error(`no model for ${counterId}`);
  return model;
}

/** The actions whose command the rules themselves would accept now at counter 2 (decided, not applied). */
function acceptedByRules(branch: Branch): string[] {
  const model = modelAt(branch);
  const at = { counterId: 'c2', tellerId: ANNA };
  const commands: Record<ActionId, Command | null> = {
    callNext: { type: 'callNext', ...at },
    callTicket: model.callable[0] ? { type: 'callTicket', ...at, ticketId: model.callable[0].id } : null,
    recall: { type: 'recall', ...at },
    start: { type: 'start', ...at },
    finish: { type: 'finish', ...at },
    noShow: { type: 'noShow', ...at },
    reactivate: model.recentNoShows[0] ? { type: 'reactivate', ...at, ticketId: model.recentNoShows[0].id } : null,
    transfer: { type: 'transfer', ...at, target: { kind: 'service', serviceId: 'loans' }, position: 'back' },
    pause: { type: 'pause', ...at, reasonId: 'break' },
    resume: { type: 'resume', ...at },
    signOut: { type: 'signOut', ...at },
  };
  return Object.entries(commands)
    .filter(([, command]) => command !== null && decide(branch.state, command, { now: branch.now, newId: () => 'probe' }).ok)
    .map(([id]) => id)
    .sort();
}

function enabled(branch: Branch): string[] {
  return Object.entries(allowedActions(modelAt(branch)))
    .filter(([, on]) => on)
    .map(([id]) => id)
    .sort();
}

describe('counter model', () => {
  it('finds the counter the signed-in teller holds, and none once they left it', () => {
    const branch = new Branch().signIn('c2', ANNA);
    expect(heldCounterId(snapshotOf(branch))).toBe('c2');
    expect(heldCounterId(snapshotOf(branch, 'u-bob'))).toBeNull();
    branch.must({ type: 'signOut', counterId: 'c2', tellerId: ANNA });
    expect(heldCounterId(snapshotOf(branch))).toBeNull();
  });

  it('offers the waiting tickets of its services and those sent to it, in the order call next takes them', () => {
    const branch = new Branch().signIn('c2', ANNA).signIn('c4');
    const first = branch.issue('cash');
    branch.advance(1);
    const loans = branch.issue('loans');
    branch.advance(1);
    const second = branch.issue('cash');
    // Counter 4 sends the loans customer to counter 2 (cash only), at the back.
    branch.callNext('c4');
    branch.must({ type: 'transfer', counterId: 'c4', tellerId: 'teller-c4', target: { kind: 'counter', counterId: 'c2' }, position: 'back' });

    const model = modelAt(branch);
    expect(model.callable.map((t) => t.id)).toEqual([first.id, second.id, loans.id]);
    // Whatever the list says first is what call next then takes.
    expect(branch.callNext('c2', ANNA)).toBe(first.displayNumber);
  });

  it('lists a no-show for reactivation only within the configured window', () => {
    const branch = new Branch().signIn('c2', ANNA);
    const ticket = branch.issue('cash');
    branch.callNext('c2', ANNA);
    branch.must({ type: 'noShow', counterId: 'c2', tellerId: ANNA });
    branch.advance(branch.state.config.noShow.reactivateWindowMin - 1);
    expect(modelAt(branch).recentNoShows.map((t) => t.id)).toEqual([ticket.id]);
    branch.advance(2);
    expect(modelAt(branch).recentNoShows).toEqual([]);
  });

  it('does not offer a no-show from before the day start, which the reactivate rule refuses', () => {
    // 03:50 in Riga; the branch's business day starts at 04:00, well inside the reactivation window.
    const branch = new Branch(undefined, Date.UTC(2026, 10, 25, 1, 50)).signIn('c2', ANNA);
    const ticket = branch.issue('cash');
    branch.callNext('c2', ANNA);
    branch.must({ type: 'noShow', counterId: 'c2', tellerId: ANNA });
    branch.advance(5);
    expect(modelAt(branch).recentNoShows.map((t) => t.id)).toEqual([ticket.id]);
    branch.advance(6);
    expect(modelAt(branch).recentNoShows).toEqual([]);
    expect(branch.run({ type: 'reactivate', counterId: 'c2', tellerId: ANNA, ticketId: ticket.id })).toMatchObject({
      ok: false,
      error: { code: 'REACTIVATE_EXPIRED' },
    });
  });

  it('enables only the actions the rules accept in each state', () => {
    const branch = new Branch().signIn('c2', ANNA);
    const expectEnabled = (actions: string[]) => {
      expect(enabled(branch)).toEqual(actions);
      expect(acceptedByRules(branch)).toEqual(actions);
    };
    expectEnabled(['pause', 'signOut']);
    branch.issue('cash');
    expectEnabled(['callNext', 'callTicket', 'pause', 'signOut']);
    branch.callNext('c2', ANNA);
    expectEnabled(['finish', 'noShow', 'recall', 'start', 'transfer']);
    branch.must({ type: 'noShow', counterId: 'c2', tellerId: ANNA });
    expectEnabled(['pause', 'reactivate', 'signOut']);
    branch.must({ type: 'reactivate', counterId: 'c2', tellerId: ANNA, ticketId: modelAt(branch).recentNoShows[0]!.id });
    branch.callNext('c2', ANNA);
    branch.must({ type: 'start', counterId: 'c2', tellerId: ANNA });
    expectEnabled(['finish', 'transfer']);
    branch.finish('c2', ANNA);
    branch.must({ type: 'pause', counterId: 'c2', tellerId: ANNA, reasonId: 'break' });
    expectEnabled(['resume', 'signOut']);
  });

  it('draws the likely next step as the main button: call, start, finish, resume', () => {
    const branch = new Branch().signIn('c2', ANNA);
    const main = () => mainAction(allowedActions(modelAt(branch)));
    expect(main()).toBeNull();
    branch.issue('cash');
    expect(main()).toBe('callNext');
    branch.callNext('c2', ANNA);
    expect(main()).toBe('start');
    branch.must({ type: 'start', counterId: 'c2', tellerId: ANNA });
    expect(main()).toBe('finish');
    branch.finish('c2', ANNA);
    branch.must({ type: 'pause', counterId: 'c2', tellerId: ANNA, reasonId: 'break' });
    expect(main()).toBe('resume');
  });

  it('maps a key to the one enabled action it stands for', () => {
    const branch = new Branch().signIn('c2', ANNA);
    branch.must({ type: 'pause', counterId: 'c2', tellerId: ANNA, reasonId: 'break' });
    const allowed = allowedActions(modelAt(branch));
    expect(actionForKey('p', allowed)).toBe('resume');
    expect(actionForKey('n', allowed)).toBeNull();
  });
});
