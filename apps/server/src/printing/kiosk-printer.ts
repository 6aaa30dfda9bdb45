import { PrinterTargetUrl } from '@rinda/hardware';
import type { AppContext } from '../app-context';
import { admitPrinterTarget, type Admission } from './printer-address-policy';

/**
 * The kiosk's printer as the server may use it right now: null when the kiosk prints itself (or has none),
 * otherwise the address admitted by the server's printer policy, or why not. Checked at every use, whatever
 * put the address in the database (a manager's pairing, an older version, the demo's data run without --demo).
 */
export async function kioskPrinter(ctx: AppContext, deviceId: string): Promise<Admission | null> {
  const url = ctx.devices.get(deviceId)?.printer_url;
  if (!url) return null;
  const parsed = PrinterTargetUrl.safeParse(url);
  if (!parsed.success) return { ok: false, reason: 'printer address is invalid' };
  return admitPrinterTarget(parsed.data, ctx.printerAddresses, { requirePresent: true });
}
