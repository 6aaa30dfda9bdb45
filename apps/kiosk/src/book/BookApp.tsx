import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, CUSTOMER_LANGUAGES, formatBookingCode, PublicBookableRoute, PublicBookRoute, PublicSlotsRoute, type CustomerLanguage, type ReplyOf } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';
import { setDocumentLanguage } from '../i18n/setup-i18n';
import { PhoneCheckIn } from './PhoneCheckIn';

type Bookable = ReplyOf<typeof PublicBookableRoute>;
type Booked = ReplyOf<typeof PublicBookRoute>;

/** Today's date on this phone, YYYY-MM-DD (the server refuses a day out of range, in its own zone). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The public booking page (/kiosk/book.html): a language, a bookable service, a day and a free time, and a mobile
 * number for a reminder where the branch sends them; the booking code is shown to keep. In the branch, the same
 * page checks a booking in from the phone (PhoneCheckIn). Every text from the kiosk translation files (book.*); the server's refusal reason is
 * shown as given, inside a translated sentence.
 */
export function BookApp() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as CustomerLanguage;
  const [bookable, setBookable] = useState<Bookable | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [date, setDate] = useState(localToday);
  const [slots, setSlots] = useState<{ time: string; free: boolean }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [booked, setBooked] = useState<Booked | null>(null);
  const [phone, setPhone] = useState('');

  useEffect(() => {
    document.title = t('book.title');
  }, [t, language]);
  useEffect(() => {
    void callRoute(PublicBookableRoute, {}).then((r) => {
      if (!r.ok) return setError(r.message);
      setBookable(r.data);
      setServiceId(r.data.services[0]?.serviceId ?? '');
    });
  }, []);
  useEffect(() => {
    if (!serviceId) return;
    let stale = false;
    void callRoute(PublicSlotsRoute, { query: { serviceId, date } }).then((r) => {
      if (stale) return;
      setSlots(r.ok ? r.data.slots : []);
      setError(r.ok ? null : r.message);
    });
    return () => {
      stale = true;
    };
  }, [serviceId, date, booked]);

  const choose = (lng: CustomerLanguage) => {
    void i18n.changeLanguage(lng);
    setDocumentLanguage(lng);
  };
  const book = async (time: string) => {
    const reminder = bookable?.reminders && phone.trim() !== '' ? { phone: phone.replace(/[\s-]/g, '') } : {};
    const r = await callRoute(PublicBookRoute, { body: { serviceId, date, time, language, ...reminder } });
    setBooked(r.ok ? r.data : null);
    setError(r.ok ? null : t('book.failed', { reason: r.message }));
  };
  const serviceName = (id: string) => bookable?.services.find((s) => s.serviceId === id)?.names[language] ?? id;
  const free = slots.filter((s) => s.free);

  return (
    <main className="status book">
      <h1>{t('book.title')}</h1>
      {bookable && <p className="status__message">{bookable.branchName}</p>}
      <nav aria-label={t('book.language')}>
        {(bookable?.languages ?? CUSTOMER_LANGUAGES).map((lng) => (
          <button key={lng} type="button" aria-pressed={lng === language} onClick={() => choose(lng)}>
            {lng.toUpperCase()}
          </button>
        ))}
      </nav>
      {error && <p role="alert">{error}</p>}
      {bookable?.phoneCheckIn && !booked && <PhoneCheckIn language={language} />}
      {booked ? (
        <section aria-labelledby="booked-title" data-testid="booked">
          <h2 id="booked-title">{t('book.booked')}</h2>
          <p>{t('book.when', { service: serviceName(booked.serviceId), date: booked.date, time: booked.time })}</p>
          <p>{t('book.code')}</p>
          <p className="book__code" data-testid="public-code">
            {formatBookingCode(booked.code)}
          </p>
          <p>{t('book.keep', { minutes: bookable?.checkInEarlyMin ?? 0 })}</p>
          <button type="button" onClick={() => setBooked(null)}>
            {t('book.another')}
          </button>
        </section>
      ) : (
        bookable && (
          <form onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('book.service')}{' '}
              <select value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                {bookable.services.map((s) => (
                  <option key={s.serviceId} value={s.serviceId}>
                    {s.names[language]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('book.date')}{' '}
              <input type="date" value={date} min={localToday()} max={addDays(localToday(), bookable.bookAheadDays)} onChange={(e) => e.target.value && setDate(e.target.value)} />
            </label>
            {bookable.reminders && (
              <label>
                {t('book.phoneLabel')}{' '}
                <input type="tel" autoComplete="tel" value={phone} aria-describedby="phone-hint" onChange={(e) => setPhone(e.target.value)} />
                <span id="phone-hint" className="book__hint">
                  {t('book.phoneHint')}
                </span>
              </label>
            )}
            <h2>{t('book.chooseTime')}</h2>
            {free.length === 0 ? (
              <p>{t('book.noSlots')}</p>
            ) : (
              <ul className="book__slots">
                {free.map((s) => (
                  <li key={s.time}>
                    <button type="button" data-time={s.time} onClick={() => void book(s.time)}>
                      {s.time}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </form>
        )
      )}
    </main>
  );
}
