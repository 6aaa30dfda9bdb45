import { z } from 'zod';
import { CustomerLanguage, LocalisedText, StaffLanguage } from '../languages';
import { AppointmentSettings } from './appointment-settings';
import { DEFAULT_PRINTER_PROFILE_ID, defaultPrinterProfile, PrinterProfile } from './printer-profile';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');
/** Seconds a kiosk's finished screen stays before it returns to the start (the config's default). */
export const DEFAULT_KIOSK_RESET_AFTER_SEC = 15;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

/** A weekly opening window, in the branch's time zone. Days: 1 = Monday … 7 = Sunday (ISO). */
export const OpeningWindow = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1),
  from: ClockTime,
  to: ClockTime,
});
export type OpeningWindow = z.infer<typeof OpeningWindow>;

export const ServiceConfig = z.object({
  id: Id,
  /** One or two capital letters printed before the number: A023. Unique per branch. */
  prefix: z.string().regex(/^[A-Z]{1,2}$/),
  names: LocalisedText,
  /** Service level target: T in "90% called within T minutes". */
  targetWaitMin: z.number().positive().max(24 * 60),
  goalPercent: z.number().min(1).max(100),
  /** null: open whenever the branch server runs. */
  openingHours: z.array(OpeningWindow).nullable().default(null),
  active: z.boolean().default(true),
  /** Priority reasons (ids from `priorityReasons`) a kiosk offers for this service; empty: none. */
  priorityReasonIds: z.array(Id).default([]),
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const CounterConfig = z.object({
  id: Id,
  name: z.string().min(1).max(40),
  /** The number announced and shown: "counter 3". */
  number: z.number().int().min(1).max(999),
  /** Services this counter serves, in the teller's order of preference. */
  serviceIds: z.array(Id).min(1),
});
export type CounterConfig = z.infer<typeof CounterConfig>;

export const PriorityReason = z.object({ id: Id, names: LocalisedText });
export type PriorityReason = z.infer<typeof PriorityReason>;

export const PauseReason = z.object({
  id: Id,
  names: z.object({ en: z.string().min(1), lv: z.string().min(1), lt: z.string().min(1), pl: z.string().min(1) }),
});
export type PauseReason = z.infer<typeof PauseReason>;

export const PriorityPolicy = z.object({
  /** Call up to `priority` priority tickets, then `normal` normal tickets, and repeat (e.g. 1 per 2). */
  priority: z.number().int().min(0).max(20),
  normal: z.number().int().min(0).max(20),
  /** A normal ticket that has waited this long goes before any priority ticket. */
  maxNormalWaitMin: z.number().positive().max(24 * 60),
});
export type PriorityPolicy = z.infer<typeof PriorityPolicy>;

/**
 * What a display says for a call while other calls wait to be announced (rule: shared/src/rules/announcement-plan.ts).
 * A call takes about 10 s whole (chime and a sentence per language); five at once would be heard over 50 s.
 */
export const AnnouncementPolicy = z.strictObject({
  /**
   * `shorten`: while another call waits, a call is said once in the hall's first announcement language and the
   * group of waiting calls shares one chime; the other languages and repeats only while nothing waits.
   * `whole`: every call in full (chime, every language, `repeatCount` times), one after another.
   */
  whenCallsWait: z.enum(['shorten', 'whole']),
  /** With `shorten`: a waiting call's one sentence is the brief form ("A 23, counter 3") rather than the full one. */
  briefWhileWaiting: z.boolean(),
});
export type AnnouncementPolicy = z.infer<typeof AnnouncementPolicy>;
export const DEFAULT_ANNOUNCEMENT_POLICY: AnnouncementPolicy = { whenCallsWait: 'shorten', briefWhileWaiting: true };

/** Live staffing alerts: managers always see them on the monitor; tellers only when this is on. */
export const StaffingAlertSettings = z.strictObject({
  /** Signed-in tellers of a service get its alerts as a notice and a sound. */
  notifyTellers: z.boolean(),
});
export type StaffingAlertSettings = z.infer<typeof StaffingAlertSettings>;

/**
 * Joining the queue from a phone before arriving (the branch's /join/ page). Off until services are listed.
 * Every limit here is also in docs/SECURITY.md ("Remote join").
 */
export const RemoteJoinSettings = z.strictObject({
  /**
   * Services a customer may join from outside; empty: the join page offers nothing. An id no service has is
   * ignored (not refused), so removing a service never makes the configuration invalid.
   */
  serviceIds: z.array(Id).default([]),
  /** No remote ticket when the service closes within this many minutes (the customer could not arrive in time). */
  cutoffMinBeforeClose: z.number().int().min(0).max(12 * 60).default(30),
  /** At most this many remote tickets waiting per service; the rest of the queue stays for people in the branch. */
  maxWaitingPerService: z.number().int().min(1).max(500).default(10),
  /** Remote tickets one network address may take per hour (a household or office shares one address). */
  perAddressPerHour: z.number().int().min(1).max(1000).default(10),
  /** Remote tickets one phone (its browser's own random id) may take per business day. */
  perDevicePerDay: z.number().int().min(1).max(50).default(2),
  /**
   * Proof of work before a ticket: leading zero bits of SHA-256(challenge + nonce). 16 bits is about 65,000
   * hashes on average: a few seconds at most on a phone, and a bound on how fast one machine can take tickets.
   */
  proofOfWorkBits: z.number().int().min(1).max(26).default(16),
  /**
   * The phone asks for "I'm here" once this many people or fewer are ahead. A remote ticket called before it was
   * confirmed owes no recalls: the counter's next call marks it no-show at once (then reactivation as for anyone).
   */
  confirmWithinPlaces: z.number().int().min(0).max(50).default(3),
});
export type RemoteJoinSettings = z.infer<typeof RemoteJoinSettings>;

/** When the phone's status page tells its customer the turn is near (sound, vibration, a notification). */
export const PhoneAlertSettings = z.strictObject({
  /** Near once this many people or fewer are ahead. */
  peopleLeft: z.number().int().min(0).max(50).default(3),
  /** ...or once the typical wait left is this many minutes or fewer. */
  minutesLeft: z.number().int().min(0).max(120).default(5),
});
export type PhoneAlertSettings = z.infer<typeof PhoneAlertSettings>;

/** "I need more time" on the phone: once per visit, the customer steps back this many places in their line. */
export const StepBackSettings = z.strictObject({
  places: z.number().int().min(1).max(20).default(3),
});
export type StepBackSettings = z.infer<typeof StepBackSettings>;

/**
 * A counter's rating screen (a device paired as `rating` for one counter): how long it asks about a visit that just
 * ended before it goes back to idle; the server takes the answer only within this time.
 */
export const CounterRatingSettings = z.strictObject({
  timeoutSec: z.number().int().min(5).max(300).default(30),
});
export type CounterRatingSettings = z.infer<typeof CounterRatingSettings>;

export const BranchConfig = z
  .object({
    branch: z.object({
      id: Id,
      name: z.string().min(1).max(80),
      /** IANA zone; the business day and every printed time use it, never UTC. */
      timeZone: z.string().refine(isKnownTimeZone, 'unknown IANA time zone'),
      /** Local time at which numbering restarts (a business day may start before midnight or after). */
      dayStart: ClockTime,
      kioskLanguages: z.array(CustomerLanguage).min(1),
      announcementLanguages: z.array(CustomerLanguage).min(1),
      defaultLanguage: CustomerLanguage,
      staffLanguage: StaffLanguage.default('en'),
      /** Public base address printed in the ticket's QR code, e.g. http://192.168.1.10:8080 */
      publicUrl: z.string().url().optional(),
    }),
    services: z.array(ServiceConfig).min(1),
    counters: z.array(CounterConfig).min(1),
    priorityReasons: z.array(PriorityReason).default([]),
    pauseReasons: z.array(PauseReason).min(1),
    priorityPolicy: PriorityPolicy,
    noShow: z.object({
      /** After this many recalls the next no-show click is no longer needed: the rule may mark it. */
      maxRecalls: z.number().int().min(0).max(10),
      /** A no-show can be reactivated (put back in the queue) for this long. */
      reactivateWindowMin: z.number().min(0).max(24 * 60),
    }),
    display: z.object({
      historySize: z.number().int().min(1).max(30).default(6),
      /** How many times each call is announced. */
      repeatCount: z.number().int().min(1).max(3).default(1),
      offlineAfterSec: z.number().int().min(1).max(120).default(5),
      announcementPolicy: AnnouncementPolicy.default(DEFAULT_ANNOUNCEMENT_POLICY),
    }),
    kiosk: z.object({
      /**
       * Seconds a finished screen waits untouched (mid-choice screens three times as long) before "Do you need more
       * time?"; the kiosk never asks before 20 s and then waits 20 s more for an answer (WCAG 2.2.1, EN 301 549).
       */
      resetAfterSec: z.number().int().min(3).max(300).default(DEFAULT_KIOSK_RESET_AFTER_SEC),
      /** How often the idle kiosk says, by voice, how to start the audio-guided mode (each time in the next language); 0: never. */
      audioPromptEverySec: z.number().int().min(0).max(3600).default(45),
    }),
    /**
     * Ticket printers by profile id; a kiosk printed by the server names one (devices.printer_profile).
     * `standard` always exists: it is the profile of every kiosk that names none, or one since removed.
     */
    printerProfiles: z
      .record(Id, PrinterProfile)
      .default({ [DEFAULT_PRINTER_PROFILE_ID]: defaultPrinterProfile })
      .refine((profiles) => Object.hasOwn(profiles, DEFAULT_PRINTER_PROFILE_ID), `the "${DEFAULT_PRINTER_PROFILE_ID}" printer profile is required`),
    alerts: StaffingAlertSettings.default({ notifyTellers: false }),
    /** Bookable services, holidays and check-in windows; the default books nothing. */
    appointments: AppointmentSettings.default(AppointmentSettings.parse({})),
    remoteJoin: RemoteJoinSettings.prefault({}),
    phoneAlerts: PhoneAlertSettings.prefault({}),
    stepBack: StepBackSettings.prefault({}),
    counterRating: CounterRatingSettings.prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const serviceIds = new Set<string>();
    const prefixes = new Set<string>();
    for (const s of cfg.services) {
      if (serviceIds.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate service id ${s.id}`, path: ['services'] });
      if (prefixes.has(s.prefix)) ctx.addIssue({ code: 'custom', message: `duplicate prefix ${s.prefix}`, path: ['services'] });
      serviceIds.add(s.id);
      prefixes.add(s.prefix);
      for (const r of s.priorityReasonIds)
        if (!cfg.priorityReasons.some((p) => p.id === r))
          ctx.addIssue({ code: 'custom', message: `service ${s.id}: unknown priority reason ${r}`, path: ['services'] });
    }
    const counterIds = new Set<string>();
    const counterNumbers = new Set<number>();
    for (const c of cfg.counters) {
      if (counterIds.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate counter id ${c.id}`, path: ['counters'] });
      if (counterNumbers.has(c.number)) ctx.addIssue({ code: 'custom', message: `duplicate counter number ${c.number}`, path: ['counters'] });
      counterIds.add(c.id);
      counterNumbers.add(c.number);
      for (const s of c.serviceIds)
        if (!serviceIds.has(s)) ctx.addIssue({ code: 'custom', message: `counter ${c.id}: unknown service ${s}`, path: ['counters'] });
    }
    const bookable = new Set<string>();
    for (const b of cfg.appointments.services) {
      if (!serviceIds.has(b.serviceId)) ctx.addIssue({ code: 'custom', message: `appointments: unknown service ${b.serviceId}`, path: ['appointments'] });
      if (bookable.has(b.serviceId)) ctx.addIssue({ code: 'custom', message: `appointments: service ${b.serviceId} listed twice`, path: ['appointments'] });
      if (prefixes.has(b.ticketPrefix)) ctx.addIssue({ code: 'custom', message: `appointments: duplicate prefix ${b.ticketPrefix}`, path: ['appointments'] });
      bookable.add(b.serviceId);
      prefixes.add(b.ticketPrefix);
    }
    if (!cfg.branch.kioskLanguages.includes(cfg.branch.defaultLanguage))
      ctx.addIssue({ code: 'custom', message: 'defaultLanguage must be one of kioskLanguages', path: ['branch'] });
  });
export type BranchConfig = z.infer<typeof BranchConfig>;
export type BranchConfigInput = z.input<typeof BranchConfig>;

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
