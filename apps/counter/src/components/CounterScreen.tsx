import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState, BranchConnection } from '../connection/branch-connection';
import { useCommands } from '../commands/use-commands';
import { allowedActions, counterModel, mainAction, type ActionId } from '../model/counter-model';
import { actionForKey } from '../model/shortcuts';
import { useNewCustomerCue } from '../model/use-new-customer-cue';
import { useNow } from '../model/use-now';
import { ActionButton } from './ActionButton';
import { CurrentCustomer } from './CurrentCustomer';
import { ErrorBanner } from './ErrorBanner';
import { KioskPrinterAlerts } from './KioskPrinterAlerts';
import { OtherCounters } from './OtherCounters';
import { PauseDialog } from './PauseDialog';
import { QueuePanel } from './QueuePanel';
import { StaffingNotice } from './StaffingNotice';
import { TicketPickDialog } from './TicketPickDialog';
import { TransferDialog } from './TransferDialog';

type OpenDialog = 'callTicket' | 'reactivate' | 'transfer' | 'pause' | null;

/** Actions that are one command for this counter, sent at once. */
const DIRECT_COMMANDS: Partial<Record<ActionId, DirectCommand>> = {
  callNext: 'ticket:callNext',
  recall: 'ticket:recall',
  start: 'ticket:start',
  finish: 'ticket:finish',
  noShow: 'ticket:noShow',
  resume: 'counter:resume',
  signOut: 'counter:signOut',
};
type DirectCommand = 'ticket:callNext' | 'ticket:recall' | 'ticket:start' | 'ticket:finish' | 'ticket:noShow' | 'counter:resume' | 'counter:signOut';

const LAYOUT: { group: string; actions: ActionId[] }[] = [
  { group: 'call', actions: ['callNext', 'callTicket', 'recall'] },
  { group: 'serve', actions: ['start', 'finish', 'noShow'] },
  { group: 'move', actions: ['transfer', 'reactivate'] },
  { group: 'counter', actions: ['pause', 'resume', 'signOut'] },
];

interface Props {
  connection: BranchConnection;
  state: ConnectionState;
  counterId: string;
}

/** The teller's working screen. Everything on it is derived from the snapshot, so a reconnect rebuilds it. */
export function CounterScreen({ connection, state, counterId }: Props) {
  const { t } = useTranslation();
  const view = state.view;
  const now = useNow(state.clockOffsetMs);
  const commands = useCommands<ActionId>(connection);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const model = view ? counterModel(view, counterId, now) : null;
  const cue = useNewCustomerCue(model?.callable.length ?? 0, Boolean(model?.active));

  const online = state.status === 'online';
  const allowed = model ? allowedActions(model) : null;
  const enabled = (action: ActionId) => online && Boolean(allowed?.[action]);

  function press(action: ActionId) {
    if (!model || !enabled(action) || commands.pending) return;
    const command = DIRECT_COMMANDS[action];
    // The others need a choice first (which ticket, where to, why): their dialog sends the command.
    if (command) void commands.run(action, command, { counterId });
    else setDialog(action as OpenDialog);
  }

  useEffect(() => {
    if (dialog) return;
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.altKey || e.metaKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, select, textarea')) return;
      const action = allowed && online ? actionForKey(e.key, allowed) : null;
      if (!action) return;
      e.preventDefault();
      press(action);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!view || !model || !allowed) return null;
  const close = () => setDialog(null);

  return (
    <main className="counter-screen">
      {/* While a dialog is open the screen behind it takes no clicks, keys or screen-reader focus. */}
      <div className="counter-content" inert={dialog !== null}>
        <div className="counter-title">
          <h1>{model.config.name}</h1>
          {!online && (
            <p className="offline-note" role="status">
              {t('connection.reconnecting')}
            </p>
          )}
        </div>
        <ErrorBanner message={commands.error} onDismiss={commands.clearError} />
        <KioskPrinterAlerts view={view} />
        <StaffingNotice alerts={view.alerts} config={view.config} counterId={counterId} />
        <div className="counter-body">
          <CurrentCustomer config={view.config} status={model.status} ticket={model.active} now={now} />
          <QueuePanel
            config={view.config}
            queues={model.queues}
            forThisCounter={model.callable.filter((ticket) => ticket.targetCounterId === counterId).length}
            next={model.callable}
            now={now}
            cue={cue}
          />
        </div>
        <nav className="actions" aria-label={t('actions.title')}>
          {LAYOUT.map(({ group, actions }) => (
            <div className={`action-group action-group-${group}`} key={group}>
              {actions.map((action) => (
                <ActionButton
                  key={action}
                  action={action}
                  enabled={enabled(action)}
                  pending={commands.pending}
                  onPress={press}
                  primary={action === mainAction(allowed)}
                />
              ))}
            </div>
          ))}
        </nav>
        <OtherCounters view={view} counterId={counterId} />
      </div>

      {dialog === 'callTicket' && (
        <TicketPickDialog
          title={t('dialog.callTicketTitle')}
          tickets={model.callable}
          config={view.config}
          now={now}
          since={(ticket) => ticket.legStartedAt}
          sinceLabel={t('ticket.waiting')}
          pickLabel={(number) => t('dialog.choose', { number })}
          onClose={close}
          onPick={(ticket) => {
            close();
            void commands.run('callTicket', 'ticket:call', { counterId, ticketId: ticket.id });
          }}
        />
      )}
      {dialog === 'reactivate' && (
        <TicketPickDialog
          title={t('dialog.reactivateTitle', { minutes: view.config.noShow.reactivateWindowMin })}
          tickets={model.recentNoShows}
          config={view.config}
          now={now}
          since={(ticket) => ticket.endedAt ?? now}
          sinceLabel={t('ticket.noShowAgo')}
          pickLabel={(number) => t('dialog.reactivateChoose', { number })}
          onClose={close}
          onPick={(ticket) => {
            close();
            void commands.run('reactivate', 'ticket:reactivate', { counterId, ticketId: ticket.id });
          }}
        />
      )}
      {dialog === 'transfer' && model.active && (
        <TransferDialog
          config={view.config}
          fromCounterId={counterId}
          ticketNumber={model.active.displayNumber}
          onClose={close}
          onConfirm={(target, position) => {
            close();
            void commands.run('transfer', 'ticket:transfer', { counterId, target, position });
          }}
        />
      )}
      {dialog === 'pause' && (
        <PauseDialog
          reasons={view.config.pauseReasons}
          onClose={close}
          onPick={(reasonId) => {
            close();
            void commands.run('pause', 'counter:pause', { counterId, reasonId });
          }}
        />
      )}
    </main>
  );
}
