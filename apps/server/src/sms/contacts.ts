import type { Db } from '../db/database';
import type { PhoneCipher } from './phone-cipher';

/**
 * The customers' mobile numbers, one per ticket, encrypted; the ticket ids that have one are also kept in
 * memory, so a commit costs no read unless one of its tickets has a number.
 */
export class Contacts {
  private readonly ids: Set<string>;

  constructor(
    private readonly db: Db,
    private readonly cipher: PhoneCipher,
  ) {
    this.ids = new Set((db.prepare('SELECT ticket_id AS id FROM ticket_contacts').all() as { id: string }[]).map((r) => r.id));
  }

  has(ticketId: string): boolean {
    return this.ids.has(ticketId);
  }

  ticketIds(): string[] {
    return [...this.ids];
  }

  save(ticketId: string, phone: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO ticket_contacts (ticket_id, phone_cipher, created_at) VALUES (?, ?, ?)
         ON CONFLICT (ticket_id) DO UPDATE SET phone_cipher = excluded.phone_cipher`,
      )
      .run(ticketId, this.cipher.encrypt(phone), now);
    this.ids.add(ticketId);
  }

  phoneOf(ticketId: string): string | null {
    const row = this.db.prepare('SELECT phone_cipher AS cipher FROM ticket_contacts WHERE ticket_id = ?').get(ticketId) as { cipher: Buffer } | undefined;
    return row ? this.cipher.decrypt(row.cipher) : null;
  }

  /** The "near" SMS goes once per visit: true for the caller that marks it first. */
  markNearSent(ticketId: string): boolean {
    return this.db.prepare('UPDATE ticket_contacts SET near_sent = 1 WHERE ticket_id = ? AND near_sent = 0').run(ticketId).changes === 1;
  }

  /** Deletes the number (secure_delete overwrites it in the page); the caller truncates the WAL after. */
  erase(ticketId: string): boolean {
    this.ids.delete(ticketId);
    return this.db.prepare('DELETE FROM ticket_contacts WHERE ticket_id = ?').run(ticketId).changes === 1;
  }
}
