import { useTranslation } from 'react-i18next';
import type { BranchSnapshot, PrinterHealth } from '@rinda/shared';

/** Printer states a teller should act on: bring paper (a warning), or fix the printer (it has stopped). */
const SHOWN: Partial<Record<PrinterHealth, 'warning' | 'stopped'>> = {
  paper_near_end: 'warning',
  paper_out: 'stopped',
  cover_open: 'stopped',
  offline: 'stopped',
};

/**
 * The kiosks' ticket printers that need someone, as the server last heard (device:updated arrives the
 * moment a print fails or the near-end sensor turns on). Unknown is left out: a USB printer never knows.
 */
export function KioskPrinterAlerts({ view }: { view: BranchSnapshot }) {
  const { t } = useTranslation();
  const needing = view.devices.filter((d) => d.kind === 'kiosk' && !d.revoked && SHOWN[d.printer]);
  if (needing.length === 0) return null;
  return (
    <div role="status" aria-label={t('printers.title')}>
      <ul className="printer-alerts">
        {needing.map((d) => (
          <li key={d.id} className={`printer-alert printer-alert-${SHOWN[d.printer]}`}>
            {t(`printers.${d.printer}`, { kiosk: d.name })}
          </li>
        ))}
      </ul>
    </div>
  );
}
