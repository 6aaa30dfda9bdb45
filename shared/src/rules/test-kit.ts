import { BranchConfig, type BranchConfigInput } from '../config/branch-config';
import demo from '../config/demo-branch.json';
import type { DomainEvent } from '../domain/events';
import type { Result } from '../result';
import { applyEvent } from './apply-event';
import { decide } from './decide';
import { createQueueState } from './queue-state';
import type { Command, QueueState } from './types';

/** The demo branch (Europe/Riga, day start 04:00, priority 1:2, max wait 15 min) with test-specific changes. */
export function testConfig(change: (c: BranchConfigInput) => void = () => {}): BranchConfig {
  const input = JSON.parse(JSON.stringify(demo)) as BranchConfigInput;
  change(input);
  return BranchConfig.parse(input);
}

/**
 * Runs commands through decide + applyEvent the way the server does, with a clock the test moves and
 * predictable ids (t0001…, padded to the 16 characters a ticket id needs).
 */
export class Branch {
  state: QueueState;
  now: number;
  private ids = 0;

  constructor(config: BranchConfig = testConfig(), now = Date.UTC(2026, 10, 25, 8, 0)) {
    this.state = createQueueState(config);
    this.now = now;
  }

  advance(minutes: number): this {
    this.now += minutes * 60_000;
    return this;
  }

  run(command: Command): Result<DomainEvent[]> {
    const result = decide(this.state, command, { now: this.now, newId: () => `t${String(++this.ids).padStart(15, '0')}` });
    if (result.ok) for (const e of result.data) this.state = applyEvent(this.state, e);
    return result;
  }

  /** Runs a command that must succeed, returning its events. */
  must(command: Command): DomainEvent[] {
    const result = this.run(command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  issue(serviceId: string, priorityReasonId: string | null = null) {
    const [event] = this.must({ type: 'issue', serviceId, language: 'en', priorityReasonId });
    if (event?.type !== 'ticket.issued') throw new Error('issue did not issue');
    return event.ticket;
  }

  signIn(counterId: string, tellerId = `teller-${counterId}`): this {
    this.must({ type: 'signIn', counterId, tellerId });
    return this;
  }

  /** Calls next at a counter signed in by its default teller; returns the called ticket's display number. */
  callNext(counterId: string, tellerId = `teller-${counterId}`): string {
    const called = this.must({ type: 'callNext', counterId, tellerId }).find((e) => e.type === 'ticket.called');
    if (called?.type !== 'ticket.called') throw new Error('nothing called');
    return this.state.tickets.get(called.ticketId)?.displayNumber ?? '?';
  }

  finish(counterId: string, tellerId = `teller-${counterId}`): this {
    this.must({ type: 'finish', counterId, tellerId });
    return this;
  }

  ticketByNumber(displayNumber: string) {
    const t = this.state.tickets.values().find((x) => x.displayNumber === displayNumber);
    if (!t) throw new Error(`no ticket ${displayNumber}`);
    return t;
  }
}
