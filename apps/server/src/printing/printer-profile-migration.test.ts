import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPrinterProfile, demoBranchConfig, newRequestId } from '@rinda/shared';
import { startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';
import { startBranch } from '../../../../tests/support/start-branch';
import { rotateDeviceToken } from '../auth/devices';
import { openDatabase } from '../db/database';
import { loadMigrations } from '../db/migrations';
import { loadStoredConfig } from '../store/config-store';
import { createTicketPrinting } from './ticket-printing';

describe('migration 070: printer profiles for a database made before them', () => {
  let dir: string;
  let printer: VirtualPrinter;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rinda-profiles-'));
    printer = await startVirtualPrinter({ port: 0 });
  });
  afterEach(async () => {
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the stored configuration and every kiosk the standard profile, and its tickets print as before', async () => {
    const dbPath = join(dir, 'rinda.sqlite');
    const before = openDatabase(dbPath, { migrations: loadMigrations().filter((m) => m.version < 70) });
    const { printerProfiles: _none, ...oldConfig } = demoBranchConfig;
    before.prepare('INSERT INTO branch_config (id, json, updated_at) VALUES (1, ?, 0)').run(JSON.stringify(oldConfig));
    before
      .prepare("INSERT INTO devices (id, kind, name, token_hash, printer_url, printer_health, created_at) VALUES ('old-kiosk', 'kiosk', 'Old kiosk', NULL, ?, 'ok', 0)")
      .run(printer.printerUrl);
    before.close();

    const after = openDatabase(dbPath);
    const raw = JSON.parse((after.prepare('SELECT json FROM branch_config').get() as { json: string }).json) as { printerProfiles: unknown };
    expect(raw.printerProfiles).toEqual({ standard: defaultPrinterProfile });
    expect(loadStoredConfig(after)?.printerProfiles).toEqual({ standard: { paperWidthMm: 80, codePages: ['WPC1257', 'WPC1251'], qr: true, autoStatusBack: false } });
    expect(after.prepare("SELECT printer_profile FROM devices WHERE id = 'old-kiosk'").get()).toEqual({ printer_profile: 'standard' });
    const oldKioskToken = rotateDeviceToken(after, 'old-kiosk');
    after.close();

    const branch = await startBranch({ dataDir: dir, printing: (ctx) => createTicketPrinting(ctx) });
    try {
      const kiosk = await branch.connect({ token: oldKioskToken });
      const ack = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'ru' });
      expect(ack).toMatchObject({ ok: true, data: { print: { status: 'printed' } } });
      const ticket = await printer.waitForTicket(1);
      expect(ticket.codePages).toEqual([46]);
      expect(ticket.qrCodes).toHaveLength(1);
      expect(Math.max(...ticket.lines.map((l) => l.length))).toBe(48);
    } finally {
      await branch.stop();
    }
  });
});
