/**
 * The branches the back-test replays: three shapes of real branch traffic, each seeded. Arrivals vary by hour
 * and weekday (a Poisson stream at each hour's rate, scaled per weekday and by a day-to-day factor), service
 * times are log-normal, counters serve overlapping services and sign in for shifts, take a lunch break and
 * short breaks, priority tickets arrive beside normal ones, some customers never come when called, and a few are
 * transferred to another service.
 */
import { BranchConfig, demoBranchConfig, type BranchConfigInput } from '@rinda/shared';

export interface ServiceTraffic {
  id: string;
  prefix: string;
  name: string;
  /** Arrivals per hour by local clock hour (index 0–23) on an average weekday. */
  perHour: readonly number[];
  /** Share of arrivals that are priority (a reason the kiosk offers). */
  priorityShare: number;
  /** Service time, from the customer reaching the counter to finish: log-normal median (minutes) and σ of ln. */
  medianMin: number;
  sigma: number;
  /** Service times change over the day (tired tellers, harder cases after lunch): factor by local hour. */
  slowerFrom?: { hour: number; factor: number };
  /** A share of served customers is sent on to another service (to the back of its queue). */
  transfer?: { toServiceId: string; share: number };
}

export interface CounterShift {
  id: string;
  serviceIds: string[];
  /** Local times of signing in and of stopping to call (a counter at the end of the day serves who is left). */
  from: string;
  to: string;
  /** When the lunch break is due (taken once the current customer is done), and how long it lasts. */
  lunchAt: string | null;
  lunchMin: number;
}

export interface BranchShape {
  id: string;
  title: string;
  seed: number;
  /** Business days simulated (open days only), and how many of the first are warm-up: not scored. */
  days: number;
  warmupDays: number;
  /** Opening hours of every service, and the ISO weekdays the branch is open. */
  open: string;
  close: string;
  openDays: readonly number[];
  /** Arrival volume by ISO weekday, against perHour. */
  weekdayFactor: Readonly<Record<number, number>>;
  /** Each day's volume is also scaled by a factor drawn uniformly within ±dayNoise. */
  dayNoise: number;
  services: readonly ServiceTraffic[];
  counters: readonly CounterShift[];
  policy: { priority: number; normal: number; maxNormalWaitMin: number };
  /** Share of called customers who never come (the teller recalls twice, then marks a no-show). */
  noShowShare: number;
  /** Short breaks per counter per day (5–15 min, at random times), besides lunch. */
  shortBreaks: number;
  /** The teller's turnaround before calling the next customer: log-normal median (s) and σ of ln. */
  turnaroundSec: number;
}

/** Arrivals per hour over the day from a list of [fromHour, rate] steps (the rate holds until the next step). */
function profile(steps: [number, number][]): number[] {
  const rates = Array.from({ length: 24 }, () => 0);
  steps.forEach(([from, rate], i) => {
    const to = steps[i + 1]?.[0] ?? 24;
    for (let h = from; h < to; h++) rates[h] = rate;
  });
  return rates;
}

export const BRANCH_SHAPES: readonly BranchShape[] = [
  {
    id: 'small-bank',
    title: 'Small bank branch (4 counters, 3 services)',
    seed: 1601,
    days: 20,
    warmupDays: 5,
    open: '09:00',
    close: '17:00',
    openDays: [1, 2, 3, 4, 5],
    weekdayFactor: { 1: 1.25, 2: 1.0, 3: 0.9, 4: 0.95, 5: 1.15 },
    dayNoise: 0.15,
    services: [
      { id: 'cash', prefix: 'A', name: 'Cash and payments', perHour: profile([[9, 12], [10, 15], [12, 15], [14, 10], [16, 8]]), priorityShare: 0.06, medianMin: 3.5, sigma: 0.6, transfer: { toServiceId: 'accounts', share: 0.03 } },
      { id: 'accounts', prefix: 'B', name: 'Accounts and cards', perHour: profile([[9, 4], [10, 6], [12, 7], [14, 5], [16, 3]]), priorityShare: 0.05, medianMin: 8, sigma: 0.6, slowerFrom: { hour: 14, factor: 1.15 } },
      { id: 'loans', prefix: 'C', name: 'Loans', perHour: profile([[9, 1], [10, 1.5], [13, 1.8], [16, 1]]), priorityShare: 0, medianMin: 22, sigma: 0.5 },
    ],
    counters: [
      { id: 'c1', serviceIds: ['cash', 'accounts'], from: '08:55', to: '17:00', lunchAt: '12:00', lunchMin: 40 },
      { id: 'c2', serviceIds: ['cash'], from: '08:55', to: '17:00', lunchAt: '13:00', lunchMin: 40 },
      { id: 'c3', serviceIds: ['accounts', 'cash'], from: '09:00', to: '17:00', lunchAt: '12:40', lunchMin: 35 },
      { id: 'c4', serviceIds: ['loans', 'accounts'], from: '09:30', to: '17:00', lunchAt: '13:30', lunchMin: 30 },
    ],
    policy: { priority: 1, normal: 2, maxNormalWaitMin: 25 },
    noShowShare: 0.04,
    shortBreaks: 1,
    turnaroundSec: 8,
  },
  {
    id: 'busy-clinic',
    title: 'Busy clinic (8 counters, 3 services, many priority patients)',
    seed: 1602,
    days: 20,
    warmupDays: 5,
    open: '07:30',
    close: '15:30',
    openDays: [1, 2, 3, 4, 5],
    weekdayFactor: { 1: 1.2, 2: 1.05, 3: 1.0, 4: 0.95, 5: 0.85 },
    dayNoise: 0.12,
    services: [
      { id: 'registration', prefix: 'R', name: 'Registration', perHour: profile([[7, 60], [8, 70], [9, 65], [10, 50], [11, 38], [13, 28], [15, 12]]), priorityShare: 0.15, medianMin: 2.5, sigma: 0.5, transfer: { toServiceId: 'results', share: 0.03 } },
      { id: 'lab', prefix: 'L', name: 'Laboratory', perHour: profile([[7, 25], [8, 32], [9, 30], [10, 22], [12, 14], [14, 5]]), priorityShare: 0.15, medianMin: 4, sigma: 0.45 },
      { id: 'results', prefix: 'S', name: 'Results and referrals', perHour: profile([[7, 3], [9, 5], [11, 6], [13, 4], [15, 2]]), priorityShare: 0.1, medianMin: 6, sigma: 0.7, slowerFrom: { hour: 12, factor: 1.2 } },
    ],
    counters: [
      { id: 'c1', serviceIds: ['registration'], from: '07:25', to: '15:30', lunchAt: '11:30', lunchMin: 30 },
      { id: 'c2', serviceIds: ['registration'], from: '07:25', to: '15:30', lunchAt: '12:00', lunchMin: 30 },
      { id: 'c3', serviceIds: ['registration'], from: '07:30', to: '15:30', lunchAt: '12:30', lunchMin: 30 },
      { id: 'c4', serviceIds: ['registration', 'lab'], from: '07:30', to: '15:30', lunchAt: '13:00', lunchMin: 30 },
      { id: 'c5', serviceIds: ['lab'], from: '07:25', to: '15:30', lunchAt: '11:45', lunchMin: 30 },
      { id: 'c6', serviceIds: ['lab', 'registration'], from: '07:30', to: '14:00', lunchAt: null, lunchMin: 0 },
      { id: 'c7', serviceIds: ['results', 'lab'], from: '07:30', to: '15:30', lunchAt: '12:15', lunchMin: 35 },
      { id: 'c8', serviceIds: ['registration'], from: '08:00', to: '11:00', lunchAt: null, lunchMin: 0 },
    ],
    policy: { priority: 1, normal: 2, maxNormalWaitMin: 30 },
    noShowShare: 0.06,
    shortBreaks: 1,
    turnaroundSec: 6,
  },
  {
    id: 'mixed',
    title: 'Mixed office (5 counters, 4 services, open six days)',
    seed: 1603,
    days: 24,
    warmupDays: 6,
    open: '08:00',
    close: '18:00',
    openDays: [1, 2, 3, 4, 5, 6],
    weekdayFactor: { 1: 1.15, 2: 1.0, 3: 0.95, 4: 1.0, 5: 1.1, 6: 0.7 },
    dayNoise: 0.2,
    services: [
      { id: 'quick', prefix: 'A', name: 'Quick questions', perHour: profile([[8, 6], [9, 10], [11, 16], [14, 10], [16, 13], [17, 6]]), priorityShare: 0.08, medianMin: 2, sigma: 0.7, transfer: { toServiceId: 'standard', share: 0.05 } },
      { id: 'standard', prefix: 'B', name: 'Standard service', perHour: profile([[8, 3], [9, 5], [11, 7], [14, 5], [16, 6], [17, 2]]), priorityShare: 0.08, medianMin: 7, sigma: 0.6 },
      { id: 'consult', prefix: 'C', name: 'Consultations', perHour: profile([[8, 1], [10, 2], [15, 1.5], [17, 0.5]]), priorityShare: 0, medianMin: 18, sigma: 0.55 },
      { id: 'business', prefix: 'D', name: 'Business clients', perHour: profile([[8, 1.5], [10, 2.5], [13, 2], [16, 1]]), priorityShare: 0, medianMin: 10, sigma: 0.8 },
    ],
    counters: [
      { id: 'c1', serviceIds: ['quick', 'standard'], from: '07:55', to: '18:00', lunchAt: '12:00', lunchMin: 45 },
      { id: 'c2', serviceIds: ['quick', 'standard', 'business'], from: '07:55', to: '18:00', lunchAt: '13:00', lunchMin: 45 },
      { id: 'c3', serviceIds: ['standard', 'consult'], from: '08:00', to: '17:00', lunchAt: '12:30', lunchMin: 40 },
      { id: 'c4', serviceIds: ['consult', 'business'], from: '09:00', to: '18:00', lunchAt: '13:30', lunchMin: 40 },
      { id: 'c5', serviceIds: ['quick'], from: '11:00', to: '15:00', lunchAt: null, lunchMin: 0 },
    ],
    policy: { priority: 1, normal: 3, maxNormalWaitMin: 20 },
    noShowShare: 0.05,
    shortBreaks: 2,
    turnaroundSec: 10,
  },
];

/** The Rinda configuration of a shape: the demo branch's settings with the shape's services, counters and policy. */
export function shapeConfig(shape: BranchShape): BranchConfig {
  const base = demoBranchConfig;
  const reasons = base.priorityReasons.map((r) => r.id);
  const names = (name: string) => ({ lv: name, lt: name, pl: name, ru: name, uk: name, en: name });
  const input: BranchConfigInput = {
    ...base,
    services: shape.services.map((s) => ({
      id: s.id,
      prefix: s.prefix,
      names: names(s.name),
      targetWaitMin: 15,
      goalPercent: 80,
      openingHours: [{ days: [...shape.openDays], from: shape.open, to: shape.close }],
      active: true,
      priorityReasonIds: s.priorityShare > 0 ? reasons : [],
    })),
    counters: shape.counters.map((c, i) => ({ id: c.id, name: `Counter ${i + 1}`, number: i + 1, serviceIds: c.serviceIds })),
    priorityPolicy: shape.policy,
  };
  return BranchConfig.parse(input);
}
