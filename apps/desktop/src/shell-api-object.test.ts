import type { ShellApi } from '@rinda/shared';
import { demoBranchConfig } from '@rinda/shared';
import { describe, expect, it } from 'vitest';
import { SHELL_CHANNELS } from './ipc-channels';
import { createShellApiObject } from './shell-api-object';

// A key added to or removed from ShellApi makes this object fail to compile, so the list below is ShellApi's.
const SHELL_API_KEYS: Record<keyof ShellApi, true> = { printTicket: true, printerStatus: true, deviceInfo: true };

describe('the preload object (window.rindaShell)', () => {
  it('has exactly the ShellApi keys, all functions', () => {
    const api = createShellApiObject(async () => undefined);
    expect(Object.keys(api).sort()).toEqual(Object.keys(SHELL_API_KEYS).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('forwards each call on its own channel with its arguments, and returns the reply', async () => {
    const calls: unknown[][] = [];
    const api = createShellApiObject(async (channel, ...args) => {
      calls.push([channel, ...args]);
      return `reply of ${channel}`;
    });
    const issued = { ticket: { id: 'x' } } as unknown as Parameters<ShellApi['printTicket']>[0];
    expect(await api.printTicket(issued, demoBranchConfig)).toBe(`reply of ${SHELL_CHANNELS.printTicket}`);
    expect(await api.printerStatus()).toBe(`reply of ${SHELL_CHANNELS.printerStatus}`);
    expect(await api.deviceInfo()).toBe(`reply of ${SHELL_CHANNELS.deviceInfo}`);
    expect(calls).toEqual([[SHELL_CHANNELS.printTicket, issued, demoBranchConfig], [SHELL_CHANNELS.printerStatus], [SHELL_CHANNELS.deviceInfo]]);
  });

  it('uses one distinct channel per method', () => {
    expect(new Set(Object.values(SHELL_CHANNELS)).size).toBe(Object.keys(SHELL_API_KEYS).length);
  });
});
