import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_PATH_ENV, loadShellConfig, parseShellConfig, resolveConfigPath, ShellConfigError, shellPrinterProfile } from './shell-config';

const token = 'dGhpcy1pcy1hLTEyOC1iaXQtdG9rZW4';
const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const kiosk = { role: 'kiosk', server: 'http://192.168.1.10:8080', printer: 'tcp://192.168.1.50:9100', paperWidthMm: 58, deviceToken: token };

function parse(value: unknown) {
  return parseShellConfig(JSON.stringify(value), '/etc/rinda/shell.json');
}

describe('shell config', () => {
  it('reads a kiosk config', () => {
    expect(parse(kiosk)).toEqual({
      ...kiosk,
      printer: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
      hangReloadAfterSec: 5,
      codePages: ['WPC1257', 'WPC1251'],
      qr: true,
      autoStatusBack: false,
    });
  });

  it("reads its printer's profile: code pages, QR support, automatic status back", () => {
    const config = parse({ ...kiosk, codePages: ['WPC1257', 'PC866'], qr: false, autoStatusBack: true });
    expect(shellPrinterProfile(config)).toEqual({ paperWidthMm: 58, codePages: ['WPC1257', 'PC866'], qr: false, autoStatusBack: true });
  });

  it('defaults a display to no printer and 80 mm paper', () => {
    const config = parse({ role: 'display', server: 'https://branch.local', deviceToken: token, serverFingerprint: fingerprint });
    expect(config).toMatchObject({ role: 'display', server: 'https://branch.local', printer: 'none', paperWidthMm: 80 });
  });

  it("reads a kiosk's headset output label, trimmed", () => {
    expect(parse({ ...kiosk, headsetOutput: ' USB Headset ' }).headsetOutput).toBe('USB Headset');
    expect(parse(kiosk).headsetOutput).toBeUndefined();
  });

  it('takes a new device without a token: it will pair by code', () => {
    expect(parse({ role: 'kiosk', server: 'http://192.168.1.10:8080' }).deviceToken).toBeUndefined();
  });

  it('keeps only the origin of the server address', () => {
    expect(parse({ ...kiosk, server: 'http://192.168.1.10:8080/' }).server).toBe('http://192.168.1.10:8080');
  });

  it('reads the pinned fingerprint as the server prints it, or in lower case without colons', () => {
    const https = { ...kiosk, server: 'https://192.168.1.10:8443' };
    expect(parse({ ...https, serverFingerprint: fingerprint }).serverFingerprint).toBe(fingerprint);
    expect(parse({ ...https, serverFingerprint: fingerprint.replaceAll(':', '').toLowerCase() }).serverFingerprint).toBe(fingerprint);
  });

  it.each([
    ['tcp://printer.local:9100', { kind: 'tcp', host: 'printer.local', port: 9100 }],
    ['file:/dev/usb/lp0', { kind: 'file', path: '/dev/usb/lp0' }],
    ['printer:EPSON_TM-T20III', { kind: 'printer', name: 'EPSON_TM-T20III' }],
    ['none', 'none'],
  ])('accepts the printer target %s', (printer, expected) => {
    expect(parse({ ...kiosk, printer }).printer).toEqual(expected);
  });

  it.each([
    ['an unknown role', { ...kiosk, role: 'teller' }, 'role'],
    ['a server that is not http(s)', { ...kiosk, server: 'file:///srv' }, 'server'],
    ['a server address with a path', { ...kiosk, server: 'http://192.168.1.10:8080/kiosk' }, 'server'],
    ['a server address that is no URL', { ...kiosk, server: 'branch server' }, 'server'],
    ['a printer target of no known kind', { ...kiosk, printer: 'lpt1' }, 'printer'],
    ['a tcp printer port out of range', { ...kiosk, printer: 'tcp://192.168.1.50:70000' }, 'printer'],
    ['paper of an unsupported width', { ...kiosk, paperWidthMm: 76 }, 'paperWidthMm'],
    ['a code page the printers do not have', { ...kiosk, codePages: ['KOI8'] }, 'codePages'],
    ['a code page listed twice', { ...kiosk, codePages: ['PC866', 'PC866'] }, 'codePages'],
    ['a short device token', { ...kiosk, deviceToken: 'abc' }, 'deviceToken'],
    ['a display with a printer', { ...kiosk, role: 'display' }, 'printer'],
    ['a hang timeout past the 10 s promise', { ...kiosk, hangReloadAfterSec: 12 }, 'hangReloadAfterSec'],
    ['an unknown field (a typo)', { ...kiosk, sever: 'x' }, 'sever'],
    ['an https server without the fingerprint it was paired with', { ...kiosk, server: 'https://192.168.1.10:8443' }, 'serverFingerprint: an https:// server needs serverFingerprint'],
    ['a fingerprint that is not SHA-256', { ...kiosk, server: 'https://192.168.1.10:8443', serverFingerprint: 'AB:CD' }, 'serverFingerprint: a SHA-256 fingerprint'],
    ['a fingerprint for a plain http server', { ...kiosk, serverFingerprint: fingerprint }, 'serverFingerprint pins an https:// server'],
    ['an empty headset output label', { ...kiosk, headsetOutput: '  ' }, 'headsetOutput: name the headset output'],
    ['a headset output label past 100 characters', { ...kiosk, headsetOutput: 'x'.repeat(101) }, 'headsetOutput: at most 100 characters'],
    ['a display with a headset', { role: 'display', server: kiosk.server, headsetOutput: 'USB Headset' }, 'headsetOutput: a display has no headset'],
  ])('refuses %s, naming the field', (_name, value, field) => {
    expect(() => parse(value)).toThrow(ShellConfigError);
    expect(() => parse(value)).toThrow(new RegExp(`/etc/rinda/shell.json[\\s\\S]*${field}`));
  });

  it('refuses a file that is not JSON, naming the file', () => {
    expect(() => parseShellConfig('{ role: kiosk', '/etc/rinda/shell.json')).toThrow(/\/etc\/rinda\/shell\.json: not valid JSON/);
  });

  it('loads the file from disk, and says how to fix a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinda-shell-'));
    const path = join(dir, 'shell.json');
    expect(() => loadShellConfig(path)).toThrow(new RegExp(`cannot read the shell config \\(ENOENT\\); set ${CONFIG_PATH_ENV}`));
    writeFileSync(path, JSON.stringify(kiosk));
    expect(loadShellConfig(path).printer).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
  });

  it('takes the path from the env var, else from the app-data folder', () => {
    expect(resolveConfigPath({ [CONFIG_PATH_ENV]: '/etc/rinda/shell.json' }, '/home/k/.config')).toBe('/etc/rinda/shell.json');
    expect(resolveConfigPath({ [CONFIG_PATH_ENV]: '  ' }, '/home/k/.config')).toBe(join('/home/k/.config', 'Rinda', 'shell.json'));
    expect(resolveConfigPath({}, 'C:\\Users\\k\\AppData\\Roaming')).toBe(join('C:\\Users\\k\\AppData\\Roaming', 'Rinda', 'shell.json'));
  });
});
