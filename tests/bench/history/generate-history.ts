/**
 * Writes a report history straight into a Rinda database (the real migrations, the real tables): the
 * projections reports read (tickets, ticket_legs, counter_events), in one transaction with prepared
 * statements, days in order, ids ascending so every index grows at its end. ticket_events, the event
 * log, is left empty: no report reads it, and four events per ticket would make the 5M file several
 * gigabytes and its generation many minutes longer.
 */
import { renameSync, rmSync } from 'node:fs';
import { addDays, businessDayOf, businessDayStart, isoWeekday, localHour, parseClockTime, type BranchConfig } from '@rinda/shared';
import { openDatabase } from '../../../apps/server/src/db/database';
import { saveConfig } from '../../../apps/server/src/store/config-store';
import { seededRandom } from '../../support/seeded-random';
import { historyConfig, type HistorySize } from './history-config';

const MIN = 60_000;
const OPEN_H = 8;
const CLOSE_H = 18;
const LANGUAGES = ['lv', 'lv', 'lv', 'ru', 'ru', 'en', 'lt', 'pl', 'uk'] as const;

export interface GeneratedHistory {
  firstDay: string;
  lastDay: string;
  tickets: number;
  legs: number;
}

/**
 * Generates into `path` (through a temporary file, renamed when complete, so an interrupted run never
 * leaves a history that looks finished). The last day is the business day before `now`.
 */
export function generateHistory(path: string, size: HistorySize, now = Date.now(), onProgress?: (done: number) => void): GeneratedHistory {
  const config: BranchConfig = historyConfig(size);
  const { timeZone, dayStart } = config.branch;
  const dayStartMin = parseClockTime(dayStart);
  const lastDay = addDays(businessDayOf(now, timeZone, dayStart), -1);
  const firstDay = addDays(lastDay, -(size.days - 1));
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });

  const db = openDatabase(partial, { now });
  saveConfig(db, config, now);
  // A scratch file being filled: no journal and no fsync until it is complete, then back to WAL.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');

  const insertTicket = db.prepare(`INSERT INTO tickets (id, business_day, service_id, number, display_number, language, priority_reason_id,
    issued_at, issued_hour, issued_weekday, estimated_wait_min, people_ahead_at_issue, state, leg, leg_service_id, leg_started_at, queue_key,
    target_counter_id, counter_id, teller_id, called_at, service_started_at, recall_count, ended_at)
    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`);
  const insertLeg = db.prepare(`INSERT INTO ticket_legs (ticket_id, leg, business_day, service_id, priority, started_at, started_hour,
    first_called_at, service_started_at, ended_at, outcome, counter_id, teller_id, recalls) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertCounterEvent = db.prepare('INSERT INTO counter_events (counter_id, teller_id, type, at, reason_id) VALUES (?, ?, ?, ?, ?)');

  const rnd = seededRandom(size.tickets ^ 0x5eed);
  const services = config.services;
  const countersOf = new Map(services.map((s) => [s.id, config.counters.filter((c) => c.serviceIds.includes(s.id)).map((c) => c.id)]));
  const perDay = size.tickets / size.days;
  const tellers = Math.ceil(size.counters * 1.4);
  let ticketSeq = 0;
  let legs = 0;

  db.transaction(() => {
    for (let d = 0; d < size.days; d++) {
      const day = addDays(firstDay, d);
      const start = businessDayStart(day, timeZone, dayStartMin);
      // Opening hours are wall-clock: 08:00 is 4 h after a 04:00 day start on any day but a DST change at 04:00.
      const open = start + (OPEN_H * 60 - dayStartMin) * MIN;
      const close = start + (CLOSE_H * 60 - dayStartMin) * MIN;
      const weekday = isoWeekday(open, timeZone);
      // Intl is slow per row; within opening hours the zone's offset does not change, so hours count from opening.
      const openHour = localHour(open, timeZone);
      const hourAt = (t: number) => openHour + Math.floor((t - open) / (60 * MIN));
      const tellerOf = (counterIndex: number) => `u${String((counterIndex + d) % tellers).padStart(4, '0')}`;

      config.counters.forEach((c, i) => {
        const teller = tellerOf(i);
        insertCounterEvent.run(c.id, teller, 'signed_in', open - 5 * MIN, null);
        insertCounterEvent.run(c.id, teller, 'paused', open + (4 * 60 + (i % 4) * 15) * MIN, 'break');
        insertCounterEvent.run(c.id, teller, 'resumed', open + (4 * 60 + 30 + (i % 4) * 15) * MIN, null);
        insertCounterEvent.run(c.id, teller, 'signed_out', close + 10 * MIN, null);
      });

      const target = Math.round((d + 1) * perDay) - ticketSeq;
      const arrivals = Array.from({ length: target }, () => open + Math.floor(rnd() * (close - open - 15 * MIN))).sort((a, b) => a - b);
      const numbers = new Map<string, number>();
      for (const issuedAt of arrivals) {
        const service = services[Math.floor(Math.pow(rnd(), 1.6) * services.length)]!;
        const number = (numbers.get(service.id) ?? 0) + 1;
        numbers.set(service.id, number);
        const id = `h${(ticketSeq++).toString(36).padStart(10, '0')}${Math.floor(rnd() * 1e9).toString(36)}`;
        const hour = hourAt(issuedAt);
        const wait = Math.floor(-Math.log(1 - rnd() * 0.999) * 6 * MIN);
        const estimate = Math.max(0, Math.round((wait / MIN) * (0.6 + rnd() * 0.8) * 10) / 10);
        const roll = rnd();
        const outcome = roll < 0.02 ? 'cancelled' : roll < 0.07 ? 'no_show' : roll < 0.08 ? 'transferred' : 'done';
        const counterPool = countersOf.get(service.id)!;
        const counterIndex = Number(counterPool[Math.floor(rnd() * counterPool.length)]!.slice(1)) - 1;
        const counterId = `c${counterIndex + 1}`;
        const teller = tellerOf(counterIndex);
        const calledAt = outcome === 'cancelled' ? null : issuedAt + wait;
        const serviceMs = Math.floor((2 + rnd() * 6) * MIN);
        const startedService = outcome === 'done' || outcome === 'transferred' ? calledAt! + Math.floor(20_000 + rnd() * 40_000) : null;
        const legEnd = outcome === 'cancelled' ? issuedAt + wait : outcome === 'no_show' ? calledAt! + 3 * MIN : startedService! + serviceMs;
        const recalls = outcome === 'no_show' ? 2 : 0;
        const display = `${service.prefix}${String(number).padStart(3, '0')}`;
        const language = LANGUAGES[Math.floor(rnd() * LANGUAGES.length)]!;
        const peopleAhead = Math.floor(wait / (3 * MIN));

        const firstLeg = () =>
          insertLeg.run(id, 1, day, service.id, issuedAt, hour, calledAt, startedService, legEnd, outcome, outcome === 'cancelled' ? null : counterId, outcome === 'cancelled' ? null : teller, recalls);
        legs++;
        if (outcome === 'transferred') {
          // The second leg: another service, called after a shorter wait and served to the end.
          const next = services[(services.indexOf(service) + 1) % services.length]!;
          const pool2 = countersOf.get(next.id)!;
          const counter2 = Number(pool2[Math.floor(rnd() * pool2.length)]!.slice(1)) - 1;
          const called2 = legEnd + Math.floor(rnd() * 4 * MIN);
          const started2 = called2 + 30_000;
          const end2 = started2 + serviceMs;
          insertTicket.run(id, day, service.id, number, display, language, issuedAt, hour, weekday, estimate, peopleAhead, 'done', 2, next.id, legEnd, legEnd,
            `c${counter2 + 1}`, tellerOf(counter2), called2, started2, 0, end2);
          firstLeg();
          insertLeg.run(id, 2, day, next.id, legEnd, hourAt(legEnd), called2, started2, end2, 'done', `c${counter2 + 1}`, tellerOf(counter2), 0);
          legs++;
        } else {
          insertTicket.run(id, day, service.id, number, display, language, issuedAt, hour, weekday, estimate, peopleAhead, outcome, 1, service.id, issuedAt, issuedAt,
            outcome === 'cancelled' ? null : counterId, outcome === 'cancelled' ? null : teller, calledAt, startedService, recalls, legEnd);
          firstLeg();
        }
      }
      onProgress?.(ticketSeq);
    }
  })();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.close();
  renameSync(partial, path);
  return { firstDay, lastDay, tickets: ticketSeq, legs };
}
