import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactStatusRoute, EraseContactRoute, PhoneNumber, SetContactRoute, type ContactStatus } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

/**
 * "Text me": an optional mobile number for SMS when the turn is near and when called, offered only where the
 * branch has an SMS gateway. The number is this visit's only: the server erases it when the visit ends, and the
 * customer can erase it sooner here.
 */
export function SmsContact({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ContactStatus | null>(null);
  const [phone, setPhone] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const id = useId();

  useEffect(() => {
    const stop = new AbortController();
    void callRoute(ContactStatusRoute, { params: { id: ticketId }, signal: stop.signal }).then((reply) => !stop.signal.aborted && reply.ok && setStatus(reply.data));
    return () => stop.abort();
  }, [ticketId]);
  if (!status?.available) return null;

  async function save(event: FormEvent) {
    event.preventDefault();
    const number = phone.replace(/[\s()-]/g, '');
    if (!PhoneNumber.safeParse(number).success) return setMessage({ text: t('contact.invalid'), error: true });
    const reply = await callRoute(SetContactRoute, { params: { id: ticketId }, body: { phone: number } });
    if (!reply.ok) return setMessage({ text: t('contact.failed'), error: true });
    setStatus(reply.data);
    setPhone('');
    setMessage({ text: t('contact.saved'), error: false });
  }
  async function erase() {
    const reply = await callRoute(EraseContactRoute, { params: { id: ticketId } });
    if (!reply.ok) return setMessage({ text: t('contact.failed'), error: true });
    setStatus({ available: true, given: false });
    setMessage({ text: t('contact.erased'), error: false });
  }

  return (
    <section className="status__panel status__contact" data-testid="sms-contact">
      {status.given ? (
        <button type="button" className="status__sound" onClick={() => void erase()}>
          {t('contact.erase')}
        </button>
      ) : (
        <form onSubmit={(e) => void save(e)} className="status__contact-form">
          <label htmlFor={`${id}-phone`}>{t('contact.label')}</label>
          <input id={`${id}-phone`} type="tel" inputMode="tel" autoComplete="tel" maxLength={24} value={phone} onChange={(e) => setPhone(e.target.value)} aria-describedby={`${id}-hint`} />
          <p id={`${id}-hint`} className="status__hint">
            {t('contact.hint')}
          </p>
          <button type="submit" className="status__sound">
            {t('contact.save')}
          </button>
        </form>
      )}
      {message ? (
        <p role={message.error ? 'alert' : 'status'} data-testid="sms-message">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
