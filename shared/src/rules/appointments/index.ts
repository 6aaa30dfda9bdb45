export { bookableService, bookableSlot, countersServing, localTimeOf, slotCapacity, slotsOn, type Slot } from './slots';
export { applyBookingEvent, decideBooking, type BookingBook, type BookingCommand, type BookingContext } from './booking-commands';
export { arrivalAt, decideCheckIn, ON_TIME_MIN, type CheckIn } from './check-in';
export { compareAppointments, isDue, isWalkInOverdue, nextCall, type NextCall, type WaitingAppointment, type WaitingWalkIn } from './call-mix';
export { APPOINTMENT_NUMBER_BASE, appointmentDisplayNumber, isAppointmentNumber, seriesKey } from './numbering';
export { appointmentTicket, isBookedTicket, keepsBookedPlace, nextCallStep } from './appointment-tickets';
export { APPOINTMENT_REPORT_COLUMNS, appointmentReport, type AppointmentReportRow, type BookingFact, type WalkInFact } from './appointment-report';
export { contactNoLongerNeeded, reminderDueAt, reminderToSend } from './reminders';
