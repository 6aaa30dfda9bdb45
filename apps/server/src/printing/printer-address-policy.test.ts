import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrinterTarget } from '@rinda/hardware';
import {
  admitPrinterTarget,
  DEFAULT_PRINTER_ADDRESS_POLICY,
  isLoopbackAddress,
  PrinterPortsList,
  printerAddressRefusal,
  realMachine,
  refusalOf,
  type MachineFacts,
} from './printer-address-policy';

const policy = DEFAULT_PRINTER_ADDRESS_POLICY;
const demo = { ...policy, allowLoopback: true };
const tcp = (host: string, port = 9100): PrinterTarget => ({ kind: 'tcp', host, port });
const file = (path: string): PrinterTarget => ({ kind: 'file', path });

describe('printer addresses on their face', () => {
  it.each(['/dev/usb/lp0', '/dev/usb/lp12', '/dev/lp0', '/dev/lp1'])('accepts the printer device %s', (path) => {
    expect(refusalOf(file(path), policy)).toBeNull();
  });

  it.each(['/etc/passwd', '/srv/rinda/rinda.sqlite', '/dev/usb/lp0/../../../etc/shadow', '/dev/sda', '/dev/usb/lp', '/dev/usb/lp0x', '/tmp/dev/usb/lp0'])(
    'refuses the file %s, saying which devices are allowed',
    (path) => {
      expect(refusalOf(file(path), policy)).toMatch(/must be a printer device \(\/dev\/usb\/lpN or \/dev\/lpN\)/);
    },
  );

  it('allows only the configured TCP ports, naming them', () => {
    expect(refusalOf(tcp('10.0.0.50', 9100), policy)).toBeNull();
    expect(refusalOf(tcp('10.0.0.50', 9109), policy)).toBeNull();
    expect(refusalOf(tcp('10.0.0.50', 9110), policy)).toBe("printer port 9110 is not allowed (allowed: 9100–9109; the server's --printer-ports)");
    expect(refusalOf(tcp('10.0.0.50', 22), policy)).toMatch(/port 22 is not allowed/);
    expect(refusalOf(tcp('10.0.0.50', 5432), { ...policy, tcpPorts: [{ from: 5432, to: 5432 }] })).toBeNull();
  });

  it.each(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '0.0.0.0', '::', 'localhost', 'LOCALHOST.', 'printer.localhost'])('refuses the loopback host %s outside the demo', (host) => {
    expect(refusalOf(tcp(host), policy)).toMatch(/this server itself \(loopback\); only the demo \(--demo\) prints there/);
    expect(refusalOf(tcp(host), demo)).toBeNull();
  });

  it('lets CUPS queues through: they print only where the machine’s administrator set them up', () => {
    expect(refusalOf({ kind: 'printer', name: 'TM_T20' }, policy)).toBeNull();
  });

  it('tells loopback addresses from others', () => {
    expect(['127.0.0.1', '::1', '::ffff:7f00:1', '0.0.0.0'].map(isLoopbackAddress)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '192.168.1.50', 'fe80::1', '::ffff:10.0.0.1', 'localhost'].map(isLoopbackAddress)).toEqual([false, false, false, false, false]);
  });
});

describe('printer addresses against the machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rinda-printer-policy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what a path really is: a character device, a regular file, a symlink, nothing', async () => {
    writeFileSync(join(dir, 'plain'), 'x');
    symlinkSync('/dev/null', join(dir, 'link'));
    expect(await realMachine.fileKind('/dev/null')).toBe('char');
    expect(await realMachine.fileKind(join(dir, 'plain'))).toBe('other');
    expect(await realMachine.fileKind(join(dir, 'link'))).toBe('other');
    expect(await realMachine.fileKind(join(dir, 'missing'))).toBe('missing');
  });

  /** The machine as it answers for /dev/usb/lp0 (which this machine has no printer at) and for DNS. */
  const machineWith = (lp0: 'char' | 'other' | 'missing', addresses: Record<string, string[]> = {}): MachineFacts => ({
    fileKind: async (path) => (path === '/dev/usb/lp0' ? lp0 : 'missing'),
    lookup: async (host) => addresses[host] ?? realMachine.lookup(host),
  });

  it('prints to a printer device only when it is a character device that is there', async () => {
    expect(await admitPrinterTarget(file('/dev/usb/lp0'), policy, { requirePresent: true }, machineWith('char'))).toEqual({ ok: true, target: file('/dev/usb/lp0') });
    expect(await admitPrinterTarget(file('/dev/usb/lp0'), policy, { requirePresent: true }, machineWith('other'))).toEqual({ ok: false, reason: '/dev/usb/lp0 is not a printer device (character device)' });
    expect(await admitPrinterTarget(file('/dev/usb/lp0'), policy, { requirePresent: true }, machineWith('missing'))).toEqual({ ok: false, reason: 'printer device /dev/usb/lp0 is not there (unplugged?)' });
    // A manager may pair a kiosk before its printer is plugged in.
    expect((await admitPrinterTarget(file('/dev/usb/lp0'), policy, { requirePresent: false }, machineWith('missing'))).ok).toBe(true);
    expect((await admitPrinterTarget(file('/dev/usb/lp0'), policy, { requirePresent: false }, machineWith('other'))).ok).toBe(false);
  });

  it.each(['2130706433', '127.1', '0x7f.1'])('refuses %s, a spelling of 127.0.0.1 that only the resolver reveals', async (host) => {
    expect(await admitPrinterTarget(tcp(host), policy, { requirePresent: true })).toEqual({ ok: false, reason: `printer address ${host} is this server itself (loopback); only the demo (--demo) prints there` });
    expect(await printerAddressRefusal(`tcp://${host}:9100`, policy)).toMatch(/loopback/);
  });

  it('connects to the address it checked, so a second DNS answer cannot send the ticket elsewhere', async () => {
    const machine = machineWith('missing', { 'printer.branch.example': ['10.0.0.50', '10.0.0.51'], 'rebound.example': ['10.0.0.50', '127.0.0.1'] });
    expect(await admitPrinterTarget(tcp('printer.branch.example'), policy, { requirePresent: true }, machine)).toEqual({ ok: true, target: tcp('10.0.0.50') });
    expect((await admitPrinterTarget(tcp('rebound.example'), policy, { requirePresent: true }, machine)).ok).toBe(false);
  });

  it('refuses at print time a name that does not resolve, and accepts it when a manager saves it', async () => {
    const machine: MachineFacts = { ...realMachine, lookup: async () => Promise.reject(new Error('ENOTFOUND')) };
    expect(await admitPrinterTarget(tcp('printer.invalid'), policy, { requirePresent: true }, machine)).toEqual({ ok: false, reason: 'printer host printer.invalid cannot be resolved' });
    expect(await admitPrinterTarget(tcp('printer.invalid'), policy, { requirePresent: false }, machine)).toEqual({ ok: true, target: tcp('printer.invalid') });
  });

  it('says why an address a manager types is refused, parse errors included', async () => {
    expect(await printerAddressRefusal('file:/etc/passwd', policy)).toMatch(/must be a printer device/);
    expect(await printerAddressRefusal('tcp://10.0.0.50:22', policy)).toMatch(/port 22 is not allowed/);
    expect(await printerAddressRefusal('smb://printer', policy)).toMatch(/not a printer address/);
    expect(await printerAddressRefusal('tcp://10.0.0.50:9100', policy)).toBeNull();
  });
});

describe('PrinterPortsList (--printer-ports, RINDA_PRINTER_PORTS)', () => {
  it('reads ports and ranges', () => {
    expect(PrinterPortsList.parse('9100-9109, 9200')).toEqual([
      { from: 9100, to: 9109 },
      { from: 9200, to: 9200 },
    ]);
  });

  it.each(['', 'x', '9109-9100', '0', '70000', '9100-', '9100;9101'])('refuses %j', (value) => {
    expect(PrinterPortsList.safeParse(value).success).toBe(false);
  });
});
