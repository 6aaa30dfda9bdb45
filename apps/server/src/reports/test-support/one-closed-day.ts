import { addDays, newRequestId } from '@rinda/shared';
import { startBranch, type Branch } from '../../../../../tests/support/start-branch';

/**
 * A running branch whose first and only ticket (cash, from a kiosk) was issued at 08:00 UTC on `day`, its manual
 * clock then moved to 10:00 UTC the next day: `day` is its one closed business day with data.
 */
export async function branchWithOneClosedDay(day: string): Promise<Branch> {
  const branch = await startBranch({ clock: 'manual', startAt: Date.parse(`${day}T08:00:00Z`) });
  const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
  const issued = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
  if (!issued.ok) throw new Error(`the ticket of ${day} was refused: ${issued.error.code}`);
  branch.clock.set(Date.parse(`${addDays(day, 1)}T10:00:00Z`));
  return branch;
}
