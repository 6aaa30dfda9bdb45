import type { BranchConfig, Role, StaffingAlert } from '@rinda/shared';
import type { Broadcaster } from './broadcaster';
import { roleRoom } from './rooms';

/**
 * The live staffing alerts as staff see them: the list now, in every manager's snapshot and in tellers' when
 * the configuration lets tellers be told, and `staffing:alerts` when the list (or who may see it) changes.
 */
export class AlertBoard {
  private alerts: StaffingAlert[] = [];
  private key = '[]';
  private tellersTold = false;

  constructor(
    private readonly broadcaster: Broadcaster,
    private readonly config: () => BranchConfig,
  ) {}

  forRole(role: Role): StaffingAlert[] {
    if (role === 'manager') return this.alerts;
    return role === 'teller' && this.config().alerts.notifyTellers ? this.alerts : [];
  }

  /** Replaces the list; broadcasts only a change, and tells tellers when they start or stop being told. */
  publish(alerts: StaffingAlert[]): void {
    const key = JSON.stringify(alerts);
    const changed = key !== this.key;
    this.alerts = alerts;
    this.key = key;
    const tell = this.config().alerts.notifyTellers;
    const wasTelling = this.tellersTold;
    this.tellersTold = tell;
    const send = (list: StaffingAlert[], roles: Role[]) => this.broadcaster.send('staffing:alerts', { alerts: list }, roles.map(roleRoom));
    if (changed) send(alerts, tell ? ['manager', 'teller'] : ['manager']);
    else if (tell && !wasTelling) send(alerts, ['teller']);
    if (!tell && wasTelling) send([], ['teller']);
  }
}
