import type { Arrival, BookingState } from '../../domain/booking';
import { ON_TIME_MIN } from './check-in';

/**
 * The appointments report (docs/REPORTS.md, "Appointments"), per service over a range of business days, from
 * plain rows the server reads: what became of the bookings, how punctually the kept ones were called, and the
 * walk-ins' first-call waits on days with appointments called against days without.
 */

export interface BookingFact {
  serviceId: string;
  date: string;
  state: BookingState;
  arrival: Arrival | null;
  slotStart: number;
  slotEnd: number;
  /** First call of the ticket printed at check-in, if any. */
  calledAt: number | null;
}

export interface WalkInFact {
  serviceId: string;
  businessDay: string;
  /** First-call wait of the first leg; null: never called. */
  waitMs: number | null;
}

/** A type, not an interface: CSV encoding takes it as a record of cells. */
export type AppointmentReportRow = {
  serviceId: string;
  booked: number;
  cancelled: number;
  kept: number;
  early: number;
  onTime: number;
  late: number;
  tooLate: number;
  missed: number;
  called: number;
  punctual: number;
  punctualityPercent: number | null;
  walkInsOnAppointmentDays: number;
  walkInWaitMeanSecWith: number | null;
  walkInWaitP90SecWith: number | null;
  walkInsOtherDays: number;
  walkInWaitMeanSecWithout: number | null;
  walkInWaitP90SecWithout: number | null;
};

export const APPOINTMENT_REPORT_COLUMNS = [
  'serviceId', 'booked', 'cancelled', 'kept', 'early', 'onTime', 'late', 'tooLate', 'missed', 'called', 'punctual', 'punctualityPercent',
  'walkInsOnAppointmentDays', 'walkInWaitMeanSecWith', 'walkInWaitP90SecWith', 'walkInsOtherDays', 'walkInWaitMeanSecWithout', 'walkInWaitP90SecWithout',
] as const satisfies readonly (keyof AppointmentReportRow)[];

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Rows per service (services with bookings or walk-ins, sorted by id), then a total row named "all". */
export function appointmentReport(bookings: readonly BookingFact[], walkIns: readonly WalkInFact[], now: number): AppointmentReportRow[] {
  const services = [...new Set([...bookings.map((b) => b.serviceId), ...walkIns.map((w) => w.serviceId)])].sort();
  const appointmentDays = new Set(bookings.filter((b) => b.calledAt !== null).map((b) => `${b.date}|${b.serviceId}`));
  const rows = services.map((id) =>
    row(
      id,
      bookings.filter((b) => b.serviceId === id),
      walkIns.filter((w) => w.serviceId === id),
      appointmentDays,
      now,
    ),
  );
  return [...rows, row('all', bookings, walkIns, appointmentDays, now)];
}

function row(serviceId: string, bookings: readonly BookingFact[], walkIns: readonly WalkInFact[], appointmentDays: ReadonlySet<string>, now: number): AppointmentReportRow {
  const count = (p: (b: BookingFact) => boolean) => bookings.filter(p).length;
  const keptPlace = bookings.filter((b) => b.state === 'checkedIn' && b.arrival !== 'walkIn');
  const called = keptPlace.filter((b) => b.calledAt !== null);
  const punctual = called.filter((b) => Math.abs((b.calledAt ?? 0) - b.slotStart) <= ON_TIME_MIN * 60_000).length;
  const onDays = walkIns.filter((w) => appointmentDays.has(`${w.businessDay}|${w.serviceId}`));
  const otherDays = walkIns.filter((w) => !appointmentDays.has(`${w.businessDay}|${w.serviceId}`));
  const [meanWith, p90With] = waitFigures(onDays);
  const [meanWithout, p90Without] = waitFigures(otherDays);
  return {
    serviceId,
    booked: count((b) => b.state !== 'cancelled'),
    cancelled: count((b) => b.state === 'cancelled'),
    kept: keptPlace.length,
    early: count((b) => b.arrival === 'early'),
    onTime: count((b) => b.arrival === 'onTime'),
    late: count((b) => b.arrival === 'late'),
    tooLate: count((b) => b.arrival === 'walkIn'),
    missed: count((b) => b.state === 'booked' && b.slotEnd <= now),
    called: called.length,
    punctual,
    punctualityPercent: called.length > 0 ? round1((punctual / called.length) * 100) : null,
    walkInsOnAppointmentDays: onDays.length,
    walkInWaitMeanSecWith: meanWith,
    walkInWaitP90SecWith: p90With,
    walkInsOtherDays: otherDays.length,
    walkInWaitMeanSecWithout: meanWithout,
    walkInWaitP90SecWithout: p90Without,
  };
}

/** Mean and p90 (nearest rank) of the called walk-ins' waits, in seconds; null when none was called. */
function waitFigures(walkIns: readonly WalkInFact[]): [number | null, number | null] {
  const waits = walkIns.flatMap((w) => (w.waitMs === null ? [] : [w.waitMs])).sort((a, b) => a - b);
  if (waits.length === 0) return [null, null];
  const mean = waits.reduce((s, w) => s + w, 0) / waits.length;
  const p90 = waits[Math.min(waits.length - 1, Math.ceil(0.9 * waits.length) - 1)] ?? 0;
  return [round1(mean / 1000), round1(p90 / 1000)];
}
