import type { DeviceView, PrinterHealth } from '@rinda/shared';
import type { DeviceHelpers } from '../app-context';
import type { Db } from '../db/database';
import type { Broadcaster } from './broadcaster';
import type { DevicePresence } from './presence';
import { AUDIENCE } from './rooms';
import { getDevice, listDevices, toDeviceView } from '../auth/devices';

/**
 * The device helpers features get (AppContext.devices): device rows joined with whether they are connected
 * now, printer health with its history, and `device:updated` to managers whenever a device changes.
 */
export function createDeviceHelpers(db: Db, presence: DevicePresence, broadcaster: Broadcaster, clock: () => number): DeviceHelpers {
  const recordDeviceEvent = db.prepare('INSERT INTO device_events (device_id, type, at, data) VALUES (?, ?, ?, ?)');
  const updatePrinterHealth = db.prepare('UPDATE devices SET printer_health = ? WHERE id = ?');
  const view = (deviceId: string): DeviceView | null => {
    const row = getDevice(db, deviceId);
    return row ? toDeviceView(row, presence.isConnected(row.id)) : null;
  };
  const announce = (deviceId: string) => {
    const device = view(deviceId);
    if (device) broadcaster.send('device:updated', { device }, device.kind === 'kiosk' ? AUDIENCE.kioskPrinters : AUDIENCE.devices);
  };
  return {
    get: (deviceId) => getDevice(db, deviceId),
    list: () => listDevices(db).map((row) => toDeviceView(row, presence.isConnected(row.id))),
    setPrinterHealth(deviceId, health: PrinterHealth, detail) {
      const row = getDevice(db, deviceId);
      if (!row) return;
      const changed = row.printer_health !== health;
      if (!changed && detail === undefined) return;
      db.transaction(() => {
        updatePrinterHealth.run(health, deviceId);
        recordDeviceEvent.run(deviceId, 'printer_health', clock(), JSON.stringify({ health, detail: detail ?? null }));
      }).immediate();
      announce(deviceId);
    },
    recordEvent(deviceId, type, data) {
      recordDeviceEvent.run(deviceId, type, clock(), data === undefined ? null : JSON.stringify(data));
    },
    announce,
  };
}
