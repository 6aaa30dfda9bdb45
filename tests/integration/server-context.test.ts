import { afterEach, describe, expect, it } from 'vitest';
import { demoBranchConfig, newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../support/start-branch';
import { rowCounts } from './db-counts';

describe('the server keeps going', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('answers INTERNAL when a write fails, keeps memory as the database has it, and serves the next request', async () => {
    const ids = ['ticket-id-aaaaaaaaaaaa', 'ticket-id-aaaaaaaaaaaa', 'ticket-id-bbbbbbbbbbbb'];
    branch = await startBranch({ newId: () => ids.shift() ?? 'ticket-id-cccccccccccc' });
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const issue = () => branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect((await issue()).ok).toBe(true);
    const before = rowCounts(branch);
    // The same id again violates the tickets' primary key inside the transaction.
    expect(await issue()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(rowCounts(branch)).toEqual(before);
    expect(branch.ctx.state().tickets.values().map((t) => t.id)).toEqual(['ticket-id-aaaaaaaaaaaa']);
    const third = await issue();
    expect(third.ok && third.data.ticket).toMatchObject({ id: 'ticket-id-bbbbbbbbbbbb', displayNumber: 'A002' });
  });
});

describe('AppContext for features', () => {
  let branch: Branch;
  afterEach(() => branch.stop());

  it('setConfig validates, stores, and tells every connected app', async () => {
    branch = await startBranch();
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    expect(branch.ctx.setConfig({ ...demoBranchConfig, services: [] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const renamed = { ...demoBranchConfig, branch: { ...demoBranchConfig.branch, name: 'Rinda — Jelgava' } };
    const changed = branch.nextEvent(kiosk, 'config:changed');
    expect(branch.ctx.setConfig(renamed).ok).toBe(true);
    expect((await changed).config.branch.name).toBe('Rinda — Jelgava');
    await branch.restart();
    expect(branch.ctx.config().branch.name).toBe('Rinda — Jelgava');
  });

  it('records printer health as a device event and tells managers', async () => {
    branch = await startBranch();
    const manager = await branch.connect({ token: await branch.userToken('manager', 'maria') });
    const kiosk = branch.enrolDevice('kiosk', 'Lobby kiosk', 'tcp://127.0.0.1:9100');
    const updated = branch.nextEvent(manager, 'device:updated', (m) => m.device.printer === 'paper_out');
    branch.ctx.devices.setPrinterHealth(kiosk.id, 'paper_out', 'paper end sensor');
    expect((await updated).device).toMatchObject({ id: kiosk.id, kind: 'kiosk', printer: 'paper_out', connected: false });
    const events = branch.ctx.db.prepare('SELECT type, data FROM device_events WHERE device_id = ?').all(kiosk.id);
    expect(events).toEqual([{ type: 'printer_health', data: JSON.stringify({ health: 'paper_out', detail: 'paper end sensor' }) }]);
  });

  it('shows managers devices coming and going', async () => {
    branch = await startBranch();
    const manager = await branch.connect({ token: await branch.userToken('manager', 'maria') });
    const online = branch.nextEvent(manager, 'device:updated', (m) => m.device.kind === 'display' && m.device.connected);
    const display = await branch.connect({ token: await branch.deviceToken('display') });
    await online;
    const offline = branch.nextEvent(manager, 'device:updated', (m) => m.device.kind === 'display' && !m.device.connected);
    display.close();
    expect((await offline).device.lastSeenAt).not.toBeNull();
  });

  it('calls onCommitted listeners with the committed events and the new state', async () => {
    branch = await startBranch();
    const seen: string[] = [];
    branch.ctx.onCommitted((events, state) => seen.push(...events.map((e) => `${e.type}:${state.tickets.size}`)));
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    expect(seen).toEqual(['ticket.issued:1']);
  });

  it('sends queue:changed in seq order, newer than the snapshot, ending with the latest queues', async () => {
    branch = await startBranch();
    const display = await branch.connect({ token: await branch.deviceToken('display') });
    const snapshotSeq = branch.snapshotOf(display).seq;
    const seqs: number[] = [];
    display.on('queue:changed', (m) => seqs.push(m.seq));
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const acks = await Promise.all(
      Array.from({ length: 10 }, () => branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const last = await branch.nextEvent(display, 'queue:changed', (m) => m.queues.find((q) => q.serviceId === 'cash')?.waiting === 10);
    expect(seqs[0]).toBeGreaterThan(snapshotSeq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(last.seq).toBe(seqs.at(-1));
  });
});
