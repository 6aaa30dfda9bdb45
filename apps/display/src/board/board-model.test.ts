import { describe, expect, it } from 'vitest';
import { demoBranchConfig, type BranchSnapshot, type CallView, type CounterView } from '@rinda/shared';
import { boardOf } from './board-model';

function call(callId: string, ticketId: string, counterId: string, at: number, recall = false): CallView {
  return { callId, ticketId, displayNumber: ticketId.toUpperCase(), serviceId: 'cash', counterId, counterNumber: Number(counterId.slice(1)), at, recall, language: 'lv' };
}
function counter(counterId: string, activeTicketId: string | null, since: number): CounterView {
  return { counterId, state: 'open', tellerId: 'u', pauseReasonId: null, since, activeTicketId, priorityCallsInCycle: 0, normalCallsInCycle: 0, tellerName: 'anna' };
}
function snapshot(recentCalls: CallView[], counters: CounterView[] = []): BranchSnapshot {
  return { epoch: 'e', seq: 1, serverTime: 0, role: 'display', me: null, config: demoBranchConfig, queues: [], counters, tickets: [], recentCalls, devices: [], alerts: [] };
}

describe('boardOf', () => {
  it("shows each counter's newest call as current, newest first, and earlier calls as history", () => {
    const board = boardOf(snapshot([call('3', 'a003', 'c2', 300), call('2', 'a002', 'c1', 200), call('1', 'a001', 'c1', 100)]));
    expect(board.current.map((c) => c.callId)).toEqual(['3', '2']);
    expect(board.history.map((c) => c.callId)).toEqual(['1']);
  });

  it('shows a recalled ticket once, as its recall', () => {
    const board = boardOf(snapshot([call('2', 'a001', 'c1', 200, true), call('1', 'a001', 'c1', 100)]));
    expect(board.current.map((c) => c.callId)).toEqual(['2']);
    expect(board.history).toEqual([]);
  });

  it('moves a call to history once its counter has moved on, but not for a counter update older than the call', () => {
    const calls = [call('2', 'a002', 'c2', 200), call('1', 'a001', 'c1', 100)];
    expect(boardOf(snapshot(calls, [counter('c1', null, 150), counter('c2', null, 150)])).current.map((c) => c.callId)).toEqual(['2']);
    expect(boardOf(snapshot(calls, [counter('c1', null, 150), counter('c2', null, 150)])).history.map((c) => c.callId)).toEqual(['1']);
  });

  it('keeps at most historySize calls in history', () => {
    const calls = Array.from({ length: 12 }, (_, i) => call(String(i), `a${i}`, 'c1', i * 10));
    expect(boardOf(snapshot(calls)).history).toHaveLength(demoBranchConfig.display.historySize);
  });
});
