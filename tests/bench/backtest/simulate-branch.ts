/**
 * Replays a branch shape's generated days through Rinda's real rules (decide, then applyEvent, as the server
 * does): customers arrive and take tickets, tellers sign in, call, serve, recall and mark no-shows, transfer,
 * pause and sign out, each at its time in a discrete-event simulation. At every issue it records what each
 * predictor would have told the customer; at the ticket's first call, how long the customer really waited.
 */
import { addDays, applyEvent, TimeQueue, businessDayStart, createQueueState, dateIsoWeekday, decide, localHour, parseClockTime, type Command, type DomainEvent, type QueueState, type Result, type WaitRange } from '@rinda/shared';
import { seededRandom } from '../../support/seeded-random';
import { BaselinePredictors } from './baselines';
import { shapeConfig, type BranchShape, type CounterShift } from './branch-shapes';

/** What each predictor said when the ticket was issued, and when it was really called (first leg). */
export interface IssueRecord {
  /** Business day index (0 = first simulated day). */
  day: number;
  ticketId: string;
  serviceId: string;
  priority: boolean;
  issuedAt: number;
  ahead: number;
  /** Rinda's range; null when it said that no counter serving the service was open. */
  rinda: WaitRange | null;
  formula: number;
  les: number;
  hol: number;
  calledAt: number | null;
}

export interface Simulated {
  shape: BranchShape;
  records: IssueRecord[];
  /** Decisions the rules refused that the simulated staff did not expect (should be none). */
  surprises: string[];
}

/** 2 March 2026 is a Monday; the simulated weeks end before the clocks change (29 March). */
const FIRST_DATE = '2026-03-02';
const TIME_ZONE_DAY_START = '04:00';
const MIN = 60_000;
const RECALL_AFTER_MS = 40_000;

type Mode = 'off' | 'idle' | 'busy' | 'paused';
interface CounterRun {
  shift: CounterShift;
  teller: string;
  mode: Mode;
  /** A call attempt is already scheduled. */
  waking: boolean;
  stopAt: number;
  /** The counter stays to serve whoever is left when the branch closes. */
  drains: boolean;
  breaks: { at: number; ms: number }[];
}

export function simulateBranch(shape: BranchShape, days = shape.days): Simulated {
  return new Simulation(shape).run(days);
}

class Simulation {
  private state: QueueState;
  private now = 0;
  private ids = 0;
  private day = 0;
  private readonly events = new TimeQueue<{ at: number; run: () => void }>();
  private readonly rnd: () => number;
  private readonly records = new Map<string, IssueRecord>();
  private readonly baselines = new BaselinePredictors();
  private readonly counters = new Map<string, CounterRun>();
  private readonly surprises: string[] = [];
  private readonly timeZone: string;

  constructor(private readonly shape: BranchShape) {
    const config = shapeConfig(shape);
    this.timeZone = config.branch.timeZone;
    this.state = createQueueState({ ...config, branch: { ...config.branch, dayStart: TIME_ZONE_DAY_START } });
    this.rnd = seededRandom(shape.seed);
  }

  /** Something that happens at `at` (after whatever was scheduled for the same time before it). */
  private schedule(at: number, run: () => void): void {
    this.events.push({ at, run });
  }

  run(days: number): Simulated {
    let date = FIRST_DATE;
    for (let d = 0; d < days; d++) {
      while (!this.shape.openDays.includes(dateIsoWeekday(date))) date = addDays(date, 1);
      this.day = d;
      this.baselines.newDay();
      this.planDay(date);
      for (let e = this.events.pop(); e; e = this.events.pop()) {
        this.now = e.at;
        e.run();
      }
      date = addDays(date, 1);
    }
    return { shape: this.shape, records: [...this.records.values()], surprises: this.surprises };
  }

  private at(date: string, hhmm: string): number {
    return businessDayStart(date, this.timeZone, parseClockTime(hhmm));
  }

  private planDay(date: string): void {
    const shape = this.shape;
    const open = this.at(date, shape.open);
    const close = this.at(date, shape.close);
    const volume = (shape.weekdayFactor[dateIsoWeekday(date)] ?? 1) * (1 + shape.dayNoise * (2 * this.rnd() - 1));
    for (const service of shape.services) {
      // A Poisson stream per hour: exponential gaps at that hour's rate, restarted at each hour boundary (the
      // branch's zone is a whole number of hours from UTC, so local hours start on UTC hours).
      for (let t = open; t < close; ) {
        const hourEnd = Math.min(close, (Math.floor(t / (60 * MIN)) + 1) * 60 * MIN);
        const rate = (service.perHour[localHour(t, this.timeZone)] ?? 0) * volume;
        let at = t;
        for (;;) {
          if (rate <= 0) break;
          at += (-Math.log(1 - this.rnd()) / rate) * 60 * MIN;
          if (at >= hourEnd) break;
          const priority = this.rnd() < service.priorityShare;
          this.schedule(Math.round(at), () => this.arrive(service.id, priority));
        }
        t = hourEnd;
      }
    }
    for (const shift of shape.counters) {
      const from = this.at(date, shift.from);
      const stopAt = this.at(date, shift.to);
      const breaks: { at: number; ms: number }[] = [];
      if (shift.lunchAt) breaks.push({ at: this.at(date, shift.lunchAt), ms: shift.lunchMin * MIN });
      for (let b = 0; b < shape.shortBreaks; b++) breaks.push({ at: from + this.rnd() * (stopAt - from), ms: (5 + 10 * this.rnd()) * MIN });
      breaks.sort((a, b) => a.at - b.at);
      const run: CounterRun = { shift, teller: `teller-${shift.id}`, mode: 'off', waking: false, stopAt, drains: stopAt >= close, breaks };
      this.counters.set(shift.id, run);
      this.schedule(from, () => this.signIn(run));
      // At the end of its shift an idle teller signs out (or, at closing, once nobody is left for the counter).
      this.schedule(stopAt, () => this.tryCall(run));
    }
  }

  private command(cmd: Command): Result<DomainEvent[]> {
    const result = decide(this.state, cmd, { now: this.now, newId: () => `bt${String(++this.ids).padStart(14, '0')}` });
    if (result.ok) {
      for (const e of result.data) {
        this.observe(e);
        this.state = applyEvent(this.state, e);
      }
    }
    return result;
  }

  private must(cmd: Command): DomainEvent[] {
    const result = this.command(cmd);
    if (!result.ok) {
      this.surprises.push(`${cmd.type}: ${result.error.code} ${result.error.message}`);
      return [];
    }
    return result.data;
  }

  /** Before the event is applied: what the baselines and the records learn from it. */
  private observe(e: DomainEvent): void {
    if (e.type === 'ticket.called') {
      const ticket = this.state.tickets.get(e.ticketId);
      if (!ticket) return;
      this.baselines.called(ticket, e.at);
      const record = this.records.get(ticket.id);
      if (record && ticket.leg === 1 && record.calledAt === null) record.calledAt = e.at;
    } else if (e.type === 'ticket.finished') {
      const ticket = this.state.tickets.get(e.ticketId);
      if (ticket) this.baselines.finished(ticket, e.at);
    }
  }

  private arrive(serviceId: string, priority: boolean): void {
    const before = this.state;
    const result = this.command({ type: 'issue', serviceId, language: 'en', priorityReasonId: priority ? 'senior' : null });
    if (!result.ok) return; // outside opening hours: the kiosk would not offer the service
    const issued = result.data.find((e) => e.type === 'ticket.issued');
    if (issued?.type !== 'ticket.issued') return;
    const t = issued.ticket;
    const rinda = t.estimatedWaitMin === null || t.estimatedWaitAtMostMin === null ? null : { typicalMin: t.estimatedWaitMin, atMostMin: t.estimatedWaitAtMostMin };
    this.records.set(t.id, {
      day: this.day,
      ticketId: t.id,
      serviceId,
      priority,
      issuedAt: t.issuedAt,
      ahead: t.peopleAheadAtIssue,
      rinda,
      formula: this.baselines.formula(before, serviceId, t.peopleAheadAtIssue),
      les: this.baselines.les(t),
      hol: this.baselines.hol(before, t, this.now),
      calledAt: null,
    });
    this.wakeServing(serviceId);
  }

  /** Idle tellers of the service notice the new ticket after their usual turnaround. */
  private wakeServing(serviceId: string): void {
    for (const run of this.counters.values()) if (run.mode === 'idle' && run.shift.serviceIds.includes(serviceId)) this.wake(run);
  }

  private wake(run: CounterRun): void {
    if (run.waking) return;
    run.waking = true;
    const turnaround = this.shape.turnaroundSec * Math.exp(0.6 * this.normal()) * 1000;
    this.schedule(this.now + turnaround, () => {
      run.waking = false;
      this.tryCall(run);
    });
  }

  private signIn(run: CounterRun): void {
    this.must({ type: 'signIn', counterId: run.shift.id, tellerId: run.teller });
    run.mode = 'idle';
    this.wake(run);
  }

  private tryCall(run: CounterRun): void {
    if (run.mode !== 'idle') return;
    const at = { counterId: run.shift.id, tellerId: run.teller };
    if (this.now >= run.stopAt && !run.drains) return this.signOut(run);
    const due = run.breaks[0];
    if (due && due.at <= this.now && this.now < run.stopAt) {
      run.breaks.shift();
      this.must({ type: 'pause', ...at, reasonId: 'break' });
      run.mode = 'paused';
      this.schedule(this.now + due.ms, () => {
        this.must({ type: 'resume', ...at });
        run.mode = 'idle';
        this.wake(run);
      });
      return;
    }
    const called = this.command({ type: 'callNext', ...at });
    if (!called.ok) {
      if (called.error.code !== 'QUEUE_EMPTY') this.surprises.push(`callNext: ${called.error.code}`);
      if (this.now >= run.stopAt) this.signOut(run);
      return; // idle until a ticket arrives
    }
    run.mode = 'busy';
    const event = called.data.find((e) => e.type === 'ticket.called');
    if (event?.type !== 'ticket.called') return;
    if (this.rnd() < this.shape.noShowShare) {
      // Nobody comes: two recalls, then the teller marks the no-show.
      this.schedule(this.now + RECALL_AFTER_MS, () => this.must({ type: 'recall', ...at }));
      this.schedule(this.now + 2 * RECALL_AFTER_MS, () => this.must({ type: 'recall', ...at }));
      this.schedule(this.now + 3 * RECALL_AFTER_MS, () => {
        this.must({ type: 'noShow', ...at });
        this.free(run);
      });
      return;
    }
    const ticket = this.state.tickets.get(event.ticketId)!;
    const service = this.shape.services.find((s) => s.id === ticket.legServiceId)!;
    const walk = (10 + 30 * this.rnd()) * 1000;
    const startAt = this.now + walk;
    const slower = service.slowerFrom && localHour(startAt, this.timeZone) >= service.slowerFrom.hour ? service.slowerFrom.factor : 1;
    const serviceMs = service.medianMin * slower * Math.exp(service.sigma * this.normal()) * MIN;
    this.schedule(startAt, () => this.must({ type: 'start', ...at }));
    this.schedule(startAt + serviceMs, () => {
      const transfer = service.transfer && ticket.leg === 1 && this.rnd() < service.transfer.share ? service.transfer : null;
      if (transfer) {
        this.must({ type: 'transfer', ...at, target: { kind: 'service', serviceId: transfer.toServiceId }, position: 'back' });
        this.wakeServing(transfer.toServiceId);
      } else this.must({ type: 'finish', ...at });
      this.free(run);
    });
  }

  private free(run: CounterRun): void {
    run.mode = 'idle';
    this.wake(run);
  }

  private signOut(run: CounterRun): void {
    this.must({ type: 'signOut', counterId: run.shift.id, tellerId: run.teller });
    run.mode = 'off';
  }

  private normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.rnd())) * Math.cos(2 * Math.PI * this.rnd());
  }
}
