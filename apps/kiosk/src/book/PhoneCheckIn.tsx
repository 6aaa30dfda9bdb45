import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newRequestId, PhoneCheckInRoute, type CustomerLanguage, type ErrorCode } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

/** The code a reminder SMS links with (book.html#code=K7Q2M9XW4D), to save typing it. */
function codeFromLink(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('code') ?? '';
}

/** What the customer is told about a refused check-in (kiosk translations). */
function refusalKey(code: ErrorCode | 'NETWORK'): string {
  switch (code) {
    case 'FORBIDDEN':
      return 'book.notInBranch';
    case 'NOT_FOUND':
    case 'BAD_REQUEST':
      return 'refused.codeNotFound';
    case 'CHECK_IN_TOO_EARLY':
      return 'refused.tooEarly';
    case 'INVALID_STATE':
      return 'refused.bookingUsed';
    case 'RATE_LIMITED':
      return 'refused.tooManyTries';
    default:
      return 'refused.failed';
  }
}

/**
 * Check-in from the phone in the branch (docs/ARCHITECTURE.md, "Appointments"): the booking code, sent from the
 * branch's Wi-Fi; on success the phone goes on to the ticket's status page, where it follows its turn.
 */
export function PhoneCheckIn({ language }: { language: CustomerLanguage }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(codeFromLink);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // One request id per code typed: a retry after a lost reply gets the same ticket, not a refusal.
  const [requestId, setRequestId] = useState(newRequestId);

  const submit = async () => {
    if (sending || code.trim() === '') return;
    setSending(true);
    const r = await callRoute(PhoneCheckInRoute, { body: { requestId, code, language } });
    setSending(false);
    if (r.ok) return window.location.assign(r.data.statusPath);
    setRefusal(t(refusalKey(r.code)));
  };

  return (
    <section aria-labelledby="check-in-title" className="status__panel" data-testid="phone-check-in">
      <h2 id="check-in-title">{t('book.checkInTitle')}</h2>
      <p id="check-in-hint">{t('book.checkInHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('appointment.codeLabel')}{' '}
          <input
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            aria-describedby="check-in-hint"
            onChange={(e) => {
              setCode(e.target.value);
              setRequestId(newRequestId());
              setRefusal(null);
            }}
          />
        </label>
        <button type="submit" disabled={sending}>
          {t('book.checkInSubmit')}
        </button>
      </form>
      {refusal && <p role="alert">{refusal}</p>}
    </section>
  );
}
