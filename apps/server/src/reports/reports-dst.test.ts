import { afterEach, describe, expect, it } from 'vitest';
import { BranchConfig, demoBranchConfig, newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../../../../tests/support/start-branch';

/**
 * The hourly report on the days the clocks change where they change at :45 (Pacific/Chatham: UTC+12:45, +13:45 in
 * summer; the change is at 02:45 standard time, 14:00 UTC). A local clock hour is not a UTC hour there: on the
 * spring day local hour 2 lasts 45 minutes and hour 3 15 minutes; on the autumn day hour 2 lasts 75 minutes
 * (02:00–03:45 summer time counts only its 02:xx part: 60, plus 02:45–03:00 standard) and hour 3 105 minutes.
 * A real history through the command pipeline; queueMean = waiting-leg minutes ÷ the hour's observed minutes.
 */
let branch: Branch | null = null;
afterEach(async () => {
  await branch?.stop();
  branch = null;
});

const config = BranchConfig.parse({
  ...demoBranchConfig,
  branch: { ...demoBranchConfig.branch, timeZone: 'Pacific/Chatham', dayStart: '00:00' },
  services: demoBranchConfig.services.map((s) => ({ ...s, openingHours: null })),
});

async function history(steps: [string, 'issue' | 'call' | 'finish'][], day: string) {
  branch = await startBranch({ config, clock: 'manual', startAt: Date.parse(steps[0]![0]) - 60_000 });
  const b = branch;
  const kiosk = await b.connect({ token: await b.deviceToken('kiosk') });
  const teller = await b.connect({ token: await b.userToken('teller', 'toms') });
  expect((await b.request(teller, 'counter:signIn', { requestId: newRequestId(), counterId: 'c2' })).ok).toBe(true);
  for (const [at, step] of steps) {
    b.clock.set(Date.parse(at));
    const result =
      step === 'issue'
        ? await b.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' })
        : await b.request(teller, step === 'call' ? 'ticket:callNext' : 'ticket:finish', { requestId: newRequestId(), counterId: 'c2' });
    expect(result.ok, `${step} at ${at}`).toBe(true);
  }
  b.clock.set(Date.parse(steps.at(-1)![0]) + 3 * 86_400_000); // a closed day, read from its roll-up
  const manager = await b.userToken('manager', 'maija');
  const res = await b.http(`/api/reports/hourly?from=${day}&to=${day}&groupBy=hour`, { token: manager });
  expect(res.status).toBe(200);
  const { rows } = (await res.json()) as { rows: { group: string; arrivals: number; servedInHour: number; queueMax: number; queueMean: number }[] };
  return (hour: number) => rows.find((r) => r.group === String(hour));
}

describe('the hourly report where clocks change at :45 (Pacific/Chatham)', () => {
  it('neither loses nor misplaces an hour on the spring day (hour 2: 45 min, hour 3: 15 min)', async () => {
    const hour = await history(
      [
        ['2026-09-26T13:20:00Z', 'issue'], // 02:05 +12:45, hour 2
        ['2026-09-26T14:05:00Z', 'issue'], // 03:50 +13:45, hour 3
        ['2026-09-26T14:10:00Z', 'call'], // 03:55: the first one
        ['2026-09-26T14:12:00Z', 'finish'], // 03:57: served in hour 3
        ['2026-09-26T14:30:00Z', 'call'], // 04:15: the second one
      ],
      '2026-09-27',
    );
    // Hour 2: the first waits 02:05–02:45 of 45 minutes. Hour 3: both wait 10 of its 15 minutes.
    expect(hour(2)).toMatchObject({ arrivals: 1, servedInHour: 0, queueMax: 1, queueMean: 0.89 });
    expect(hour(3)).toMatchObject({ arrivals: 1, servedInHour: 1, queueMax: 2, queueMean: 1.33 });
    // Hour 4: the second waits 04:00–04:15 of 60 minutes.
    expect(hour(4)).toMatchObject({ arrivals: 0, queueMax: 1, queueMean: 0.25 });
  });

  it('neither loses nor misplaces an hour on the autumn day (hour 2: 75 min, hour 3: 105 min)', async () => {
    const hour = await history(
      [
        ['2026-04-04T13:30:00Z', 'issue'], // 03:15 +13:45, hour 3
        ['2026-04-04T14:05:00Z', 'issue'], // 02:50 +12:45, hour 2 again
        ['2026-04-04T14:10:00Z', 'call'], // 02:55: the first one
        ['2026-04-04T14:12:00Z', 'finish'], // 02:57: served in hour 2
        ['2026-04-04T14:20:00Z', 'call'], // 03:05: the second one
      ],
      '2026-04-05',
    );
    // Hour 2 (12:15–13:15 and 14:00–14:15 UTC): the first waits 10 minutes, the second 10, of 75.
    expect(hour(2)).toMatchObject({ arrivals: 1, servedInHour: 1, queueMax: 2, queueMean: 0.27 });
    // Hour 3 (13:15–14:00 and 14:15–15:15 UTC): the first waits 30 minutes, the second 5, of 105.
    expect(hour(3)).toMatchObject({ arrivals: 1, servedInHour: 0, queueMax: 1, queueMean: 0.33 });
  });
});
