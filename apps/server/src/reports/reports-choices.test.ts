import { afterEach, describe, expect, it } from 'vitest';
import { BranchConfig, demoBranchConfig, newRequestId, type CommandName, type CommandPayload } from '@rinda/shared';
import { LOAD_TEST_LIMITS, startBranch, type Branch, type BranchSocket } from '../../../../tests/support/start-branch';

/**
 * The two choices docs/REPORTS.md makes where METRICS.md leaves room, over a history made through the command
 * pipeline (Riga, UTC+2 in March; business day 2026-03-11 starts at 02:00 UTC):
 * - teller idle: a customer called before the day start keeps the counter busy after it, until the leg ends;
 * - unserved: a visit counts by its last leg, whatever its earlier legs were (a leg served, then transferred and
 *   cancelled or left waiting: unserved; its last leg a no-show: neither served nor unserved).
 */
let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

const config = BranchConfig.parse({ ...demoBranchConfig, services: demoBranchConfig.services.map((s) => ({ ...s, openingHours: null })) });
const DAY = '2026-03-11';
const at = (hhmmss: string) => Date.parse(`2026-03-11T${hhmmss}Z`);

describe('the report choices of docs/REPORTS.md', () => {
  it('counts a counter busy with a customer called before the day start, and visits unserved by their last leg', async () => {
    branch = await startBranch({ limits: LOAD_TEST_LIMITS, config, clock: 'manual', startAt: at('01:40:00') });
    const b = branch;
    const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
    const toms = await b.connect({ token: await b.userToken('teller', 'toms') });
    const juris = await b.connect({ token: await b.userToken('teller', 'juris') });
    const ids: Record<string, string> = {};
    const step = async <K extends CommandName>(time: string, socket: BranchSocket, name: K, payload: Omit<CommandPayload<K>, 'requestId'>, label?: string) => {
      b.clock.set(at(time));
      const result = await b.request(socket, name, { requestId: newRequestId(), ...payload } as CommandPayload<K>);
      if (!result.ok) throw new Error(`${name} at ${time}: ${result.error.message}`);
      if (label && result.data && typeof result.data === 'object' && 'ticket' in result.data) ids[label] = (result.data as { ticket: { id: string } }).ticket.id;
    };
    const issue = (time: string, serviceId: string, label: string) => step(time, kiosk, 'ticket:issue', { serviceId, language: 'en' }, label);
    const toBusiness = { target: { kind: 'service', serviceId: 'business' }, position: 'back' } as const;

    await step('01:40:00', toms, 'counter:signIn', { counterId: 'c2' });
    await issue('01:45:00', 'cash', 'X'); // 03:45 local: business day 2026-03-10
    await step('01:50:00', toms, 'ticket:callNext', { counterId: 'c2' });
    await issue('02:05:00', 'cash', 'Y'); // today's; waits while toms still serves X
    await step('02:20:00', toms, 'ticket:finish', { counterId: 'c2' });
    await step('02:30:00', toms, 'ticket:callNext', { counterId: 'c2' });
    await step('02:35:00', toms, 'ticket:finish', { counterId: 'c2' });
    await step('02:40:00', toms, 'counter:signOut', { counterId: 'c2' });

    await step('02:40:30', juris, 'counter:signIn', { counterId: 'c4' });
    for (const [time, label] of [['02:41:00', 'A'], ['02:41:30', 'B'], ['02:41:40', 'C'], ['02:41:50', 'D']] as const) await issue(time, 'loans', label);
    // A: served, transferred, then cancelled in its second leg.
    await step('02:42:00', juris, 'ticket:callNext', { counterId: 'c4' });
    await step('02:43:00', juris, 'ticket:start', { counterId: 'c4' });
    await step('02:45:00', juris, 'ticket:transfer', { counterId: 'c4', ...toBusiness });
    await step('02:46:00', juris, 'ticket:cancel', { ticketId: ids.A! });
    // B: called, transferred, its second leg a no-show.
    await step('02:47:00', juris, 'ticket:callNext', { counterId: 'c4' });
    await step('02:48:00', juris, 'ticket:transfer', { counterId: 'c4', ...toBusiness });
    await step('02:49:00', juris, 'ticket:call', { counterId: 'c4', ticketId: ids.B! });
    await step('02:50:00', juris, 'ticket:noShow', { counterId: 'c4' });
    // C: served. D: served, transferred, still waiting when the day ends.
    await step('02:51:00', juris, 'ticket:callNext', { counterId: 'c4' });
    await step('02:52:00', juris, 'ticket:finish', { counterId: 'c4' });
    await step('02:53:00', juris, 'ticket:callNext', { counterId: 'c4' });
    await step('02:54:00', juris, 'ticket:transfer', { counterId: 'c4', ...toBusiness });

    b.clock.set(Date.parse('2026-03-12T10:00:00Z')); // the day is closed
    const read = async (name: string, groupBy: string) => {
      const manager = await b.userToken('manager', `maija${Math.random().toString(36).slice(2, 8)}`);
      const res = await b.http(`/api/reports/${name}?from=${DAY}&to=${DAY}&groupBy=${groupBy}`, { token: manager });
      expect(res.status).toBe(200);
      return ((await res.json()) as { rows: Record<string, unknown>[] }).rows;
    };
    const expectChoices = async () => {
      // c2 was signed in 02:00–02:40 of this day; Y waited 02:05–02:30, but c2 served X (called yesterday) until
      // 02:20: idle 02:20–02:30 only.
      expect((await read('counters', 'counter')).find((r) => r.group === 'c2')).toMatchObject({ signedInMin: 40, idleMin: 10 });
      expect(await read('summary', 'day')).toEqual([expect.objectContaining({ group: DAY, visits: 5, served: 2, unserved: 2, noShows: 1 })]);
      const byService = await read('summary', 'service');
      const service = (id: string) => byService.find((r) => r.group === id);
      expect(service('cash')).toMatchObject({ visits: 1, served: 1, unserved: 0 });
      expect(service('loans')).toMatchObject({ visits: 4, served: 1, unserved: 2, noShows: 0 });
      expect(service('business')).toMatchObject({ visits: 0, noShows: 1 });
    };
    await expectChoices();
    // A restart closes D at the day boundary (cancelled as of the day's end): the same figures.
    await b.restart();
    await expect.poll(() => (b.ctx.db.prepare('SELECT state FROM tickets WHERE id = ?').get(ids.D!) as { state: string }).state).toBe('cancelled');
    await expectChoices();
  });
});
