import { describe, expect, it } from 'vitest';
import { demoBranchConfig, type BranchSnapshot, type CallView } from '@rinda/shared';
import { CallTracker, MISSED_CALL_ANNOUNCE_WINDOW_MS } from './call-tracker';

const NOW = Date.UTC(2026, 10, 25, 10, 0, 0);
function call(callId: string, at: number): CallView {
  return { callId, ticketId: `t${callId}`, displayNumber: `A00${callId}`, serviceId: 'cash', counterId: 'c1', counterNumber: 1, at, recall: false, language: 'lv' };
}
function snapshot(recentCalls: CallView[], serverTime = NOW): BranchSnapshot {
  return { epoch: 'e', seq: 1, serverTime, role: 'display', me: null, config: demoBranchConfig, queues: [], counters: [], tickets: [], recentCalls, devices: [], alerts: [] };
}

describe('CallTracker', () => {
  it('announces nothing from the first snapshot: those calls were made before this screen started', () => {
    expect(new CallTracker().fromSnapshot(snapshot([call('1', NOW - 1000)]))).toEqual([]);
  });

  it('announces a broadcast call once, however often it arrives', () => {
    const tracker = new CallTracker();
    tracker.fromSnapshot(snapshot([]));
    expect(tracker.fromBroadcast(call('2', NOW))).toHaveLength(1);
    expect(tracker.fromBroadcast(call('2', NOW))).toEqual([]);
  });

  it('after a reconnect announces no call it already saw, only fresh calls it missed, oldest first', () => {
    const tracker = new CallTracker();
    tracker.fromSnapshot(snapshot([call('1', NOW - 5000)]));
    tracker.fromBroadcast(call('2', NOW - 4000));
    const missedLongAgo = call('3', NOW - MISSED_CALL_ANNOUNCE_WINDOW_MS - 1);
    const missedNewer = call('5', NOW - 1000);
    const missedOlder = call('4', NOW - 2000);
    const announced = tracker.fromSnapshot(snapshot([missedNewer, missedOlder, missedLongAgo, call('2', NOW - 4000), call('1', NOW - 5000)]));
    expect(announced.map((c) => c.callId)).toEqual(['4', '5']);
    expect(tracker.fromSnapshot(snapshot([missedNewer, missedOlder]))).toEqual([]);
  });
});
