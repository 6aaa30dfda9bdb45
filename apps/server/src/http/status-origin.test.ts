import type { NetworkInterfaceInfo } from 'node:os';
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { demoBranchConfig } from '@rinda/shared';
import { createApp } from '../app';
import { chooseStatusOrigin, lanAddress, loopbackOnlyWarning, type Interfaces } from './status-origin';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  family === 'IPv4'
    ? { address, family, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }
    : { address, family, internal, netmask: 'ffff:ffff:ffff:ffff::', mac: '00:00:00:00:00:00', cidr: null, scopeid: 0 };
const LAN: Interfaces = { lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)], eth0: [nic('fe80::1', 'IPv6'), nic('192.168.1.10', 'IPv4')] };
const LOOPBACK_ONLY: Interfaces = { lo: [nic('127.0.0.1', 'IPv4', true)], eth0: [nic('169.254.3.4', 'IPv4')] };
const origin = (requestHost: string, listening: { address: string; port: number } | null, interfaces = LAN) =>
  chooseStatusOrigin({ requestHost, secure: false, listening, interfaces: () => interfaces });

describe('the address in a ticket’s QR code without publicUrl', () => {
  it('is the address a kiosk on another machine reached the server by', () => {
    expect(origin('192.168.1.10:8080', { address: '0.0.0.0', port: 8080 })).toBe('http://192.168.1.10:8080');
    expect(origin('rinda.branch.lan:8080', { address: '0.0.0.0', port: 8080 })).toBe('http://rinda.branch.lan:8080');
  });

  it('is the machine’s LAN address, never loopback, when a kiosk on the server’s machine uses loopback', () => {
    expect(origin('127.0.0.1:8080', { address: '0.0.0.0', port: 8080 })).toBe('http://192.168.1.10:8080');
    expect(origin('localhost:8080', { address: '::', port: 8080 })).toBe('http://192.168.1.10:8080');
    expect(origin('[::1]:8080', { address: '192.168.1.10', port: 8080 })).toBe('http://192.168.1.10:8080');
  });

  it('stays loopback only when the server can be reached by nothing else', () => {
    expect(origin('127.0.0.1:8080', { address: '127.0.0.1', port: 8080 })).toBe('http://127.0.0.1:8080');
    expect(origin('127.0.0.1:8080', { address: '0.0.0.0', port: 8080 }, LOOPBACK_ONLY)).toBe('http://127.0.0.1:8080');
  });

  it('takes the first LAN IPv4 address, else a global IPv6 one, never link-local', () => {
    expect(lanAddress(LAN)).toBe('192.168.1.10');
    expect(lanAddress(LOOPBACK_ONLY)).toBeNull();
    expect(lanAddress({ eth0: [nic('fe80::2', 'IPv6'), nic('2001:db8::5', 'IPv6')] })).toBe('2001:db8::5');
    expect(chooseStatusOrigin({ requestHost: 'localhost:80', secure: true, listening: { address: '::', port: 443 }, interfaces: () => ({ eth0: [nic('2001:db8::5', 'IPv6')] }) })).toBe(
      'https://[2001:db8::5]:443',
    );
  });

  it('keeps a Host it cannot read as it is rather than failing the ticket', () => {
    expect(origin('bad host', { address: '0.0.0.0', port: 8080 })).toBe('http://bad host');
  });
});

describe('the start-up warning', () => {
  it('warns when the server only listens on loopback, or the machine has no other address', () => {
    expect(loopbackOnlyWarning({ publicUrl: undefined, listening: { address: '127.0.0.1', port: 8080 }, interfaces: LAN })).toMatch(/listens on 127\.0\.0\.1 only/);
    expect(loopbackOnlyWarning({ publicUrl: undefined, listening: { address: '0.0.0.0', port: 8080 }, interfaces: LOOPBACK_ONLY })).toMatch(/no network address but loopback/);
  });

  it('stays quiet with a publicUrl or a LAN address', () => {
    expect(loopbackOnlyWarning({ publicUrl: 'http://rinda.lan', listening: { address: '127.0.0.1', port: 8080 }, interfaces: LAN })).toBeNull();
    expect(loopbackOnlyWarning({ publicUrl: undefined, listening: { address: '0.0.0.0', port: 8080 }, interfaces: LAN })).toBeNull();
    expect(loopbackOnlyWarning({ publicUrl: undefined, listening: { address: '192.168.1.10', port: 8080 }, interfaces: LAN })).toBeNull();
  });

  it('is logged when a server starts listening on loopback only, and not with a publicUrl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinda-origin-'));
    const startAndRead = async (config = demoBranchConfig) => {
      const lines: string[] = [];
      const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => void (lines.push(chunk.toString()), done()) }));
      const app = createApp({ dbPath: join(dir, `${Math.random().toString(36).slice(2)}.sqlite`), config, logger });
      await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
      await app.close();
      return lines.map((l) => JSON.parse(l) as { event?: string; msg: string }).filter((l) => l.event === 'status_address_loopback');
    };
    try {
      expect((await startAndRead()).map((l) => l.msg)).toEqual([expect.stringMatching(/phones cannot open/)]);
      expect(await startAndRead({ ...demoBranchConfig, branch: { ...demoBranchConfig.branch, publicUrl: 'http://192.168.1.10:8080' } })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
