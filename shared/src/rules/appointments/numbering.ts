import type { BranchConfig } from '../../config/branch-config';
import { formatTicketNumber } from '../../domain/ticket';
import { lastNumberKey } from '../queue-state';

/**
 * Appointment tickets are numbered in their own series per service and business day (V001, V002 … with the
 * bookable service's ticketPrefix). The tickets table keeps one number per (day, service) unique, so the series
 * is stored from this base up (5001 is V001) and walk-in numbers stay below it: no real counter issues 5,000
 * walk-in tickets of one service in a day, and the rules refuse the one past them (`SERVICE_CLOSED`, decideIssue).
 */
export const APPOINTMENT_NUMBER_BASE = 5000;

export function isAppointmentNumber(number: number): boolean {
  return number > APPOINTMENT_NUMBER_BASE;
}

/** The key under which QueueState.lastNumbers keeps a series' last number. */
export function seriesKey(businessDay: string, serviceId: string, number: number): string {
  const key = lastNumberKey(businessDay, serviceId);
  return isAppointmentNumber(number) ? `${key}|appointment` : key;
}

/** As printed and announced: the appointment prefix and the number within the series. */
export function appointmentDisplayNumber(config: BranchConfig, serviceId: string, number: number): string {
  const prefix = config.appointments.services.find((b) => b.serviceId === serviceId)?.ticketPrefix ?? '';
  return formatTicketNumber(prefix, number - APPOINTMENT_NUMBER_BASE);
}
