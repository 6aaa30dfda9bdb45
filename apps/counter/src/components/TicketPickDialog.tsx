import { useTranslation } from 'react-i18next';
import { formatDuration, type StaffLanguage, type Ticket, type BranchConfig } from '@rinda/shared';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  tickets: Ticket[];
  config: BranchConfig;
  now: number;
  /** What the time column says: how long it has waited, or how long ago it was a no-show. */
  since: (ticket: Ticket) => number;
  sinceLabel: string;
  /** What picking a ticket does, named on its button ("Call A002", "Put A002 back in the queue"). */
  pickLabel: (displayNumber: string) => string;
  onPick: (ticket: Ticket) => void;
  onClose: () => void;
}

/** A list to pick one ticket from; keys 1–9 pick the first nine. */
export function TicketPickDialog({ title, tickets, config, now, since, sinceLabel, pickLabel, onPick, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as StaffLanguage;
  return (
    <Dialog title={title} onClose={onClose}>
      <div
        onKeyDown={(e) => {
          const index = Number(e.key) - 1;
          const ticket = Number.isInteger(index) && index >= 0 ? tickets[index] : undefined;
          if (ticket) onPick(ticket);
        }}
      >
        {tickets.length === 0 ? (
          <p>{t('dialog.noTickets')}</p>
        ) : (
          <table className="ticket-list">
            <thead>
              <tr>
                <th>{t('ticket.number')}</th>
                <th>{t('ticket.service')}</th>
                <th>{sinceLabel}</th>
                <th>
                  <span className="visually-hidden">{t('dialog.pickColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket, i) => (
                <tr key={ticket.id}>
                  <td className="ticket-number">
                    {ticket.displayNumber}
                    {ticket.priorityReasonId && <span className="priority-mark"> {t('ticket.priority')}</span>}
                  </td>
                  <td>{config.services.find((s) => s.id === ticket.legServiceId)?.names[lang] ?? ticket.legServiceId}</td>
                  <td>{formatDuration(now - since(ticket))}</td>
                  <td>
                    <button
                      type="button"
                      className="pick"
                      onClick={() => onPick(ticket)}
                      data-ticket={ticket.displayNumber}
                      aria-keyshortcuts={i < 9 ? String(i + 1) : undefined}
                    >
                      {pickLabel(ticket.displayNumber)}
                      {i < 9 && <kbd aria-hidden="true">{i + 1}</kbd>}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Dialog>
  );
}
