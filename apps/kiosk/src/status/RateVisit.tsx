import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_RATING_COMMENT, RateVisitRoute, RatingStatusRoute, type RatingStatus } from '@rinda/shared';
import { callRoute } from '@rinda/shared/ui/http';

const SCORES = [1, 2, 3, 4, 5] as const;

/** When the visit ended served: a 1–5 rating and an optional short comment, once (the server refuses a second). */
export function RateVisit({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RatingStatus | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    const stop = new AbortController();
    void callRoute(RatingStatusRoute, { params: { id: ticketId }, signal: stop.signal }).then((r) => !stop.signal.aborted && r.ok && setStatus(r.data));
    return () => stop.abort();
  }, [ticketId]);
  if (!status) return null;
  if (status.rated)
    return (
      <p className="status__panel status__figure" role="status" data-testid="rating-thanks">
        {t('rating.thanks')}
      </p>
    );
  if (!status.canRate) return null;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (score === null) return setProblem(t('rating.choose'));
    if (comment.length > MAX_RATING_COMMENT) return setProblem(t('rating.tooLong', { max: MAX_RATING_COMMENT }));
    const reply = await callRoute(RateVisitRoute, { params: { id: ticketId }, body: { score, comment } });
    // A rating already given (another tab) is as good as this one: thank the customer either way.
    if (reply.ok || reply.code === 'CONFLICT') return setStatus({ canRate: false, rated: true });
    setProblem(t('rating.failed'));
  }
  return (
    <form className="status__panel status__rating" onSubmit={(e) => void send(e)} data-testid="rating">
      <fieldset className="join__group">
        <legend>{t('rating.question')}</legend>
        {SCORES.map((s) => (
          <label key={s} className="join__choice">
            <input type="radio" name={`${id}-score`} value={s} checked={score === s} onChange={() => setScore(s)} />
            {t(`rating.levels.${s}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-comment`}>{t('rating.comment')}</label>
      <textarea id={`${id}-comment`} rows={3} maxLength={MAX_RATING_COMMENT} value={comment} onChange={(e) => setComment(e.target.value)} />
      {problem ? <p role="alert">{problem}</p> : null}
      <button type="submit" className="status__confirm">
        {t('rating.submit')}
      </button>
    </form>
  );
}
