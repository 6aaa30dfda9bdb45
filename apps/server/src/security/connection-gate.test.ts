import { describe, expect, it } from 'vitest';
import { ConnectionGate } from './connection-gate';

const limits = {
  connectionsPerAddress: 3,
  connectionsPerCredential: 2,
  connectionsTotal: 5,
  handshakesPerAddress: { burst: 4, perSecond: 1 },
  reconnectCooldownMs: 1000,
};

describe('ConnectionGate', () => {
  it('caps sockets per address, per credential and in all, and frees a place when one closes', () => {
    const gate = new ConnectionGate(limits);
    gate.socketOpened('10.0.0.1', 'token:a');
    gate.socketOpened('10.0.0.1', 'token:a');
    expect(gate.admitSocket('10.0.0.1', 'token:a', 0)?.message).toMatch(/credentials already have 2 connections/);
    gate.socketOpened('10.0.0.1', 'token:b');
    expect(gate.admitSocket('10.0.0.1', 'token:c', 0)?.message).toMatch(/address already has 3 connections/);
    expect(gate.admitSocket('10.0.0.2', 'token:c', 0)).toBeNull();
    gate.socketOpened('10.0.0.2', 'token:c');
    gate.socketOpened('10.0.0.3', 'token:d');
    expect(gate.admitSocket('10.0.0.4', 'token:e', 0)?.message).toMatch(/maximum of 5 connections/);
    gate.socketClosed('10.0.0.1', 'token:a');
    expect(gate.admitSocket('10.0.0.4', 'token:e', 0)).toBeNull();
    expect(gate.admitSocket('10.0.0.1', 'token:a', 0)).toBeNull();
  });

  it('keeps a credential cut off for flooding out until its cool-down ends, with the wait', () => {
    const gate = new ConnectionGate(limits);
    gate.coolDown('token:a', 100);
    expect(gate.admitSocket('10.0.0.1', 'token:a', 600)).toEqual({ message: expect.stringMatching(/too many requests/), retryAfterMs: 500 });
    expect(gate.admitSocket('10.0.0.1', 'token:b', 600)).toBeNull();
    expect(gate.admitSocket('10.0.0.1', 'token:a', 1100)).toBeNull();
  });

  it('limits new connections per address, and open transports beyond what sockets may use', () => {
    const gate = new ConnectionGate(limits);
    const refusals = Array.from({ length: 6 }, () => gate.admitTransport('10.0.0.1', 0));
    expect(refusals.slice(0, 4)).toEqual([null, null, null, null]);
    expect(refusals[4]).toMatchObject({ retryAfterMs: 1000 });
    expect(gate.admitTransport('10.0.0.2', 0)).toBeNull();
    for (let i = 0; i < 53; i++) gate.transportOpened('10.0.0.3');
    expect(gate.admitTransport('10.0.0.3', 0)).toMatchObject({ message: 'Too many connections' });
    gate.transportClosed('10.0.0.3');
    expect(gate.admitTransport('10.0.0.3', 0)).toBeNull();
  });
});
