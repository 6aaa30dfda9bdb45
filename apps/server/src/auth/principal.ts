/** Who is acting: a signed-in user, an enrolled device, or the anonymous ticket status page. */
export type Principal =
  | { kind: 'user'; role: 'teller' | 'manager'; userId: string; name: string; tokenHash: string }
  | { kind: 'device'; role: 'kiosk' | 'display' | 'rating'; deviceId: string; name: string; tokenHash: string }
  | { kind: 'public'; role: 'public'; ticketId: string };

/** The key of idempotency records and logs: stable per user or device. */
export function actorOf(p: Principal): string {
  if (p.kind === 'user') return `user:${p.userId}`;
  if (p.kind === 'device') return `device:${p.deviceId}`;
  return `ticket:${p.ticketId}`;
}
