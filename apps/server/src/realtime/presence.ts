/** Which devices have a live connection now: a device may hold several sockets (a reload overlaps the old one). */
export class DevicePresence {
  private readonly sockets = new Map<string, number>();

  /** Returns true when this is the device's first live socket. */
  connected(deviceId: string): boolean {
    const n = (this.sockets.get(deviceId) ?? 0) + 1;
    this.sockets.set(deviceId, n);
    return n === 1;
  }

  /** Returns true when the device has no live socket left. */
  disconnected(deviceId: string): boolean {
    const n = (this.sockets.get(deviceId) ?? 1) - 1;
    if (n <= 0) this.sockets.delete(deviceId);
    else this.sockets.set(deviceId, n);
    return n <= 0;
  }

  isConnected(deviceId: string): boolean {
    return this.sockets.has(deviceId);
  }
}
