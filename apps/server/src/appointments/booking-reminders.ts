import { contactNoLongerNeeded, CustomerLanguage, formatBookingCode, reminderToSend, type DomainEvent } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import type { AppContext } from '../app-context';
import { statusOrigin } from '../http/status-origin';
import type { PhoneCipher } from '../sms/phone-cipher';
import type { SmsNotifier } from '../sms/sms-notifier';
import { appointmentsOf } from './check-in';

/**
 * How often reminders due and contacts no longer needed are looked for. One indexed read of a small table: a
 * reminder goes out within this of its time, and a cancelled booking's number is gone within it (a check-in
 * erases at once).
 */
export const REMINDER_CHECK_MS = 15_000;

/** Where a reminder sends the customer: the booking page, which checks them in from the branch's Wi-Fi. */
export const BOOK_PAGE_PATH = '/kiosk/book.html';

interface ContactRow {
  bookingId: string;
  cipher: Buffer;
  language: string;
  reminded: number;
}

const perApp = new WeakMap<AppContext, BookingReminders>();

/** The app's reminders (tests run several apps in one process); null before app.ts made them. */
export function remindersOf(ctx: AppContext): BookingReminders | null {
  return perApp.get(ctx) ?? null;
}

/**
 * Appointment reminders through the phone alerts' notifier (docs/ARCHITECTURE.md, "Appointments"): a number left
 * when booking is stored encrypted (PhoneCipher) beside the booking, never in its events, and erased once the
 * booking no longer needs it (rules/appointments/reminders.ts), the WAL truncated after, as for a visit's number.
 */
export class BookingReminders {
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: AppContext,
    private readonly cipher: PhoneCipher,
    private readonly notifier: SmsNotifier,
    intervalMs = REMINDER_CHECK_MS,
  ) {
    perApp.set(ctx, this);
    // A check-in is a queue commit (the appointment's ticket): its booking's number goes at once.
    this.unsubscribe = ctx.onCommitted((events) => {
      if (events.some(checksInABooking)) this.sweep();
    });
    this.timer = setInterval(() => this.sweep(), intervalMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    perApp.delete(this.ctx);
  }

  /** Whether a customer may leave a number for a reminder: the branch sends SMS and sets a reminder time. */
  get offered(): boolean {
    return this.notifier.available && this.ctx.config().appointments.reminderBeforeMin > 0;
  }

  /** Inside the booking's transaction: the number, encrypted, for this booking only. */
  save(bookingId: string, phone: string, language: CustomerLanguage): void {
    this.ctx.db
      .prepare('INSERT INTO booking_contacts (booking_id, phone_cipher, language, created_at) VALUES (?, ?, ?, ?)')
      .run(bookingId, this.cipher.encrypt(phone), language, this.ctx.clock());
  }

  /** Erases the numbers no longer needed and sends the reminders due; what it did. */
  sweep(): { erased: number; sent: number } {
    const { db } = this.ctx;
    if (!db.open) return { erased: 0, sent: 0 };
    const config = this.ctx.config();
    const now = this.ctx.clock();
    const { store } = appointmentsOf(this.ctx);
    const rows = db.prepare('SELECT booking_id AS bookingId, phone_cipher AS cipher, language, reminded FROM booking_contacts').all() as ContactRow[];
    let erased = 0;
    let sent = 0;
    for (const row of rows) {
      const booking = store.byId(row.bookingId);
      if (contactNoLongerNeeded(config, booking, now)) {
        erased += db.prepare('DELETE FROM booking_contacts WHERE booking_id = ?').run(row.bookingId).changes;
        continue;
      }
      if (!booking || !reminderToSend(config, booking, row.reminded === 1, now)) continue;
      // Marked first: a reminder goes at most once, even if sending fails (the delivery log says so).
      if (db.prepare('UPDATE booking_contacts SET reminded = 1 WHERE booking_id = ? AND reminded = 0').run(row.bookingId).changes !== 1) continue;
      const language = CustomerLanguage.catch('en').parse(row.language);
      const service = config.services.find((s) => s.id === booking.serviceId);
      const base = (config.branch.publicUrl ?? statusOrigin(this.ctx, undefined, false)).replace(/\/+$/, '');
      const text = translate(customerMessages.kiosk[language], 'book.reminderSms', {
        service: service?.names[language] ?? booking.serviceId,
        branch: config.branch.name,
        date: booking.date,
        time: booking.time,
        code: formatBookingCode(booking.code),
        url: `${base}${BOOK_PAGE_PATH}#code=${booking.code}`,
      });
      this.notifier.send({ kind: 'reminder', bookingId: booking.id }, this.cipher.decrypt(row.cipher), text);
      sent++;
    }
    if (erased > 0) this.notifier.truncateWal();
    return { erased, sent };
  }
}

const checksInABooking = (e: DomainEvent) => e.type === 'ticket.issued' && e.ticket.appointment !== undefined;
