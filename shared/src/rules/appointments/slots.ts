import type { BookableService } from '../../config/appointment-settings';
import type { BranchConfig } from '../../config/branch-config';
import type { SlotRef } from '../../domain/booking';
import { fail, ok, type Result } from '../../result';
import { addDays, businessDayStart, dateIsoWeekday, localClock, parseClockTime } from '../../time/business-day';

/** One bookable slot of one service: its local name and its instants. */
export interface Slot {
  serviceId: string;
  date: string;
  time: string;
  start: number;
  end: number;
}

export function bookableService(config: BranchConfig, serviceId: string): BookableService | undefined {
  return config.appointments.services.find((b) => b.serviceId === serviceId);
}

/** Counters configured to serve the service (signed in or not: a booking is made days ahead). */
export function countersServing(config: BranchConfig, serviceId: string): number {
  return config.counters.filter((c) => c.serviceIds.includes(serviceId)).length;
}

/**
 * Appointments one slot takes: the counters serving the service, less the manager's share kept for walk-ins,
 * rounded down (so walk-ins keep at least their share). A service that is not bookable takes none.
 */
export function slotCapacity(config: BranchConfig, serviceId: string): number {
  const bookable = bookableService(config, serviceId);
  if (!bookable) return 0;
  return Math.floor((countersServing(config, serviceId) * (100 - bookable.walkInSharePercent)) / 100);
}

/** Every slot of a service on a local date, earliest first; none on a holiday or a day without windows. */
export function slotsOn(config: BranchConfig, serviceId: string, date: string): Slot[] {
  const bookable = bookableService(config, serviceId);
  if (!bookable || config.appointments.holidays.includes(date)) return [];
  const weekday = dateIsoWeekday(date);
  const starts = new Set<number>();
  for (const w of bookable.hours) {
    if (!w.days.includes(weekday)) continue;
    const to = parseClockTime(w.to);
    for (let m = parseClockTime(w.from); m + bookable.slotMin <= to; m += bookable.slotMin) starts.add(m);
  }
  return [...starts].sort((a, b) => a - b).map((m) => slotAt(config, serviceId, date, m, bookable.slotMin));
}

function slotAt(config: BranchConfig, serviceId: string, date: string, minutes: number, slotMin: number): Slot {
  const start = businessDayStart(date, config.branch.timeZone, minutes);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { serviceId, date, time, start, end: start + slotMin * 60_000 };
}

/**
 * The slot a person named, if it can be booked at `now`: a bookable service with room in its slots, a date that
 * is no holiday, a time on the slot grid inside the hours, a start still ahead and within bookAheadDays.
 */
export function bookableSlot(config: BranchConfig, ref: SlotRef, now: number): Result<Slot> {
  const service = config.services.find((s) => s.id === ref.serviceId);
  if (!service) return fail('NOT_FOUND', `There is no service "${ref.serviceId}".`);
  const bookable = bookableService(config, ref.serviceId);
  if (!bookable || !service.active) return fail('SLOT_UNAVAILABLE', `${service.names.en} does not take appointments.`);
  if (slotCapacity(config, ref.serviceId) === 0)
    return fail('SLOT_UNAVAILABLE', `${service.names.en} keeps all its counters for walk-ins: no appointment fits in a slot.`);
  if (config.appointments.holidays.includes(ref.date)) return fail('SLOT_UNAVAILABLE', `${ref.date} is a holiday: no appointments.`);
  const slot = slotsOn(config, ref.serviceId, ref.date).find((s) => s.time === ref.time);
  if (!slot)
    return fail('SLOT_UNAVAILABLE', `${service.names.en} has no slot at ${ref.time} on ${ref.date} (slots of ${bookable.slotMin} minutes within its appointment hours).`);
  if (slot.start <= now) return fail('SLOT_UNAVAILABLE', `The slot at ${ref.time} on ${ref.date} has already begun or passed.`);
  const today = localClock(now, config.branch.timeZone).date;
  const lastDay = addDays(today, config.appointments.bookAheadDays);
  if (ref.date > lastDay)
    return fail('SLOT_UNAVAILABLE', `Appointments can be booked up to ${config.appointments.bookAheadDays} days ahead (until ${lastDay}).`);
  return ok(slot);
}


/** HH:MM of an instant on the branch's clock (a slot's time as tickets, kiosks and counters show it). */
export function localTimeOf(at: number, timeZone: string): string {
  const c = localClock(at, timeZone);
  return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}
