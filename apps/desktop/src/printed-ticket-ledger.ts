/**
 * Ticket ids the shell has sent to its printer, newest last. Kept in the main process, so a renderer that
 * crashes, hangs or reloads cannot make the same ticket print twice. Bounded: a kiosk prints a few hundred
 * tickets a day, and an id older than `capacity` prints no one asks to repeat.
 */
export function createPrintedTicketLedger(capacity = 2_000) {
  const ids = new Set<string>();
  return {
    /** Claims the id for printing; false when it was claimed before (then nothing may be printed). */
    claim(ticketId: string): boolean {
      if (ids.has(ticketId)) return false;
      ids.add(ticketId);
      if (ids.size > capacity) {
        const oldest = ids.values().next();
        if (!oldest.done) ids.delete(oldest.value);
      }
      return true;
    },
    /** Gives a claim back when nothing reached the printer (it said paper out before the job was sent). */
    release(ticketId: string): void {
      ids.delete(ticketId);
    },
  };
}
export type PrintedTicketLedger = ReturnType<typeof createPrintedTicketLedger>;
