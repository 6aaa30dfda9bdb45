import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AppointmentSlotsRoute,
  AppointmentsRoute,
  BookRoute,
  CancelBookingRoute,
  businessDayOf,
  formatBookingCode,
  MoveBookingRoute,
  type Booking,
  type BranchConfig,
  type SlotView,
  type StaffLanguage,
} from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

interface Props {
  token: string;
  config: BranchConfig;
  now: number;
}

/**
 * A day's appointments for the manager: the slots of a bookable service with their places taken, book one,
 * and the day's bookings with their code, state and arrival, each movable to a free slot or cancellable.
 * The rules and refusals are the server's (shared/src/http/appointments.ts); its message is shown as given.
 */
export function AppointmentsScreen({ token, config, now }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as StaffLanguage;
  const bookable = config.appointments.services;
  const [date, setDate] = useState(() => businessDayOf(now, config.branch.timeZone, config.branch.dayStart));
  const [serviceId, setServiceId] = useState(bookable[0]?.serviceId ?? '');
  const [slots, setSlots] = useState<{ capacity: number; slots: SlotView[] } | null>(null);
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<Booking | null>(null);
  const serviceName = (id: string) => config.services.find((s) => s.id === id)?.names[language] ?? id;

  const load = useCallback(async () => {
    if (!serviceId) return;
    const [s, b] = await Promise.all([
      callRoute(AppointmentSlotsRoute, { query: { serviceId, date }, token }),
      callRoute(AppointmentsRoute, { query: { date }, token }),
    ]);
    if (s.ok) setSlots(s.data);
    if (b.ok) setBookings(b.data.bookings);
    setError(!s.ok ? s.message : !b.ok ? b.message : null);
  }, [token, serviceId, date]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (work: () => Promise<{ ok: true; data: { booking: Booking } } | { ok: false; message: string }>, show: boolean) => {
    const r = await work();
    setError(r.ok ? null : r.message);
    setMade(r.ok && show ? r.data.booking : null);
    await load();
  };
  const book = (time: string) => act(() => callRoute(BookRoute, { body: { serviceId, date, time }, token }), true);
  const cancel = (id: string) => act(() => callRoute(CancelBookingRoute, { params: { id }, token }), false);
  const move = (id: string, time: string) => act(() => callRoute(MoveBookingRoute, { params: { id }, body: { date, time }, token }), false);

  if (bookable.length === 0) return <p className="card">{t('appointments.noneBookable')}</p>;
  const free = (slots?.slots ?? []).filter((s) => s.taken < (slots?.capacity ?? 0));
  return (
    <div className="appointments">
      <section className="card" aria-label={t('appointments.slots')}>
        <h2>{t('appointments.slots')}</h2>
        <label>
          {t('appointments.date')} <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </label>{' '}
        <label>
          {t('appointments.service')}{' '}
          <select value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            {bookable.map((b) => (
              <option key={b.serviceId} value={b.serviceId}>
                {serviceName(b.serviceId)}
              </option>
            ))}
          </select>
        </label>
        {error && <p role="alert">{error}</p>}
        {made && (
          <p role="status" className="saved" data-testid="booking-made">
            {t('appointments.booked', { time: made.time, code: formatBookingCode(made.code) })}
          </p>
        )}
        {slots && slots.slots.length === 0 ? (
          <p>{t('appointments.noSlots')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('appointments.time')}</th>
                <th>{t('appointments.taken')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(slots?.slots ?? []).map((s) => (
                <tr key={s.time} data-slot={s.time}>
                  <td>{s.time}</td>
                  <td>{`${s.taken} / ${slots?.capacity ?? 0}`}</td>
                  <td>
                    <button type="button" disabled={s.taken >= (slots?.capacity ?? 0) || s.end <= now} onClick={() => void book(s.time)}>
                      {t('appointments.book')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-label={t('appointments.bookings')}>
        <h2>{t('appointments.bookings')}</h2>
        {bookings.length === 0 ? (
          <p>{t('appointments.noBookings')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('appointments.time')}</th>
                <th>{t('appointments.service')}</th>
                <th>{t('appointments.code')}</th>
                <th>{t('appointments.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {bookings.map((b) => (
                <tr key={b.id} data-booking={b.code}>
                  <td>{b.time}</td>
                  <td>{serviceName(b.serviceId)}</td>
                  <td>{formatBookingCode(b.code)}</td>
                  <td>{t(`appointments.states.${b.state}`)}{b.arrival ? ` · ${t(`appointments.arrivals.${b.arrival}`)}` : ''}</td>
                  <td>
                    {b.state === 'booked' && (
                      <>
                        {b.serviceId === serviceId && free.length > 0 && (
                          <select aria-label={t('appointments.moveTo')} value="" onChange={(e) => e.target.value && void move(b.id, e.target.value)}>
                            <option value="">{t('appointments.moveTo')}</option>
                            {free.filter((s) => s.time !== b.time).map((s) => (
                              <option key={s.time} value={s.time}>
                                {s.time}
                              </option>
                            ))}
                          </select>
                        )}{' '}
                        <button type="button" onClick={() => void cancel(b.id)}>
                          {t('appointments.cancel')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
