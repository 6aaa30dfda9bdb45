import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CustomerLanguage, RatingPrompt } from '@rinda/shared';
import { PairingScreen } from '@rinda/shared/ui/pairing';
import type { LiveConnection } from '../connection/live-connection';
import { useConnectionState } from '../connection/use-connection-state';
import { setDocumentLanguage } from '../i18n/setup-i18n';
import { useSettled } from '../ui/use-settled';

const SCORES = [1, 2, 3, 4, 5] as const;
/** How far each score's mouth curves, from very poor (a frown) to excellent (a wide smile), in the face's units. */
const MOUTH_CURVE = [-9, -5, 0, 5, 9] as const;
/** How long "thank you" stays before the screen is idle again. */
const THANKS_MS = 4000;

type Step = { step: 'idle' } | { step: 'asking'; prompt: RatingPrompt } | { step: 'thanks'; language: CustomerLanguage };

/**
 * A counter's rating screen: idle until the visit at its counter ends served, then the question in the ticket's
 * language with five large scores (a tap, or the keys 1–5); "thank you" after an answer, idle again after it, after
 * the prompt's time, or when the counter calls its next customer. Shows nothing of the ticket.
 */
export function RatingScreen({ connection }: { connection: LiveConnection }) {
  const { i18n } = useTranslation();
  const { status, refusal, view } = useConnectionState(connection);
  const [screen, setScreen] = useState<Step>({ step: 'idle' });
  const sending = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Idle, it speaks the branch's own language (the page starts in the kiosk's default until the snapshot says).
  const idleLanguage = view?.config.branch.defaultLanguage ?? (i18n.language as CustomerLanguage);
  const language = screen.step === 'asking' ? screen.prompt.language : screen.step === 'thanks' ? screen.language : idleLanguage;
  const t = i18n.getFixedT(language, 'status');

  // While an answer is on its way, the server's "idle" (sent as it records the answer) waits for the ack's "thank you".
  useEffect(() => connection.onRatingPrompt((prompt) => setScreen((now) => (prompt ? { step: 'asking', prompt } : sending.current || now.step === 'thanks' ? now : { step: 'idle' }))), [connection]);
  useEffect(() => {
    if (screen.step === 'idle') return;
    const timer = setTimeout(() => setScreen({ step: 'idle' }), screen.step === 'asking' ? screen.prompt.timeoutMs : THANKS_MS);
    return () => clearTimeout(timer);
  }, [screen]);
  useEffect(() => {
    setDocumentLanguage(language);
    heading.current?.focus();
  }, [language, screen.step]);

  async function rate(score: number) {
    if (screen.step !== 'asking' || sending.current) return;
    sending.current = true;
    const { result } = await connection.send('rating:submit', { promptId: screen.prompt.promptId, score });
    sending.current = false;
    // Rated here or on the phone first: thanks either way. Refused (its time passed, the next customer): idle.
    setScreen(result.ok || result.error.code === 'CONFLICT' ? { step: 'thanks', language: screen.prompt.language } : { step: 'idle' });
  }
  useEffect(() => {
    if (screen.step !== 'asking') return;
    const onKey = (event: KeyboardEvent) => {
      const score = Number(event.key);
      if (Number.isInteger(score) && score >= 1 && score <= 5) void rate(score);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Revoked (or its token lost): it shows a new pairing code, as a display does.
  if (refusal?.code === 'UNAUTHENTICATED') return <PairingScreen kind="rating" />;
  return (
    <main className="rating" lang={language} data-testid="rating-screen" data-step={screen.step}>
      {status === 'offline' ? (
        <p className="rating__offline" role="status">
          {t('offline')}
        </p>
      ) : null}
      {screen.step === 'asking' ? (
        <RatingQuestion key={screen.prompt.promptId} t={t} heading={heading} onRate={(score) => void rate(score)} />
      ) : (
        <h1 className="rating__message" ref={heading} tabIndex={-1} aria-live="polite">
          {screen.step === 'thanks' ? t('rating.thanks') : t('rating.counterIdle')}
        </h1>
      )}
    </main>
  );
}

/**
 * The question and its five scores. Touches are taken once the question settled: a tap meant for the idle screen
 * as the visit ended must not become a score the customer never saw. A key (Enter or Space: `detail` 0) is
 * deliberate, and taken at once.
 */
function RatingQuestion({ t, heading, onRate }: { t: TFunction; heading: RefObject<HTMLHeadingElement | null>; onRate: (score: number) => void }) {
  const settled = useSettled();
  return (
    <>
      <h1 className="rating__question" ref={heading} tabIndex={-1}>
        {t('rating.question')}
      </h1>
      <p className="rating__hint">{t('rating.counterHint')}</p>
      <div className="rating__scores" role="group" aria-label={t('rating.question')}>
        {SCORES.map((score) => (
          <button key={score} type="button" className="rating__score" onClick={(event) => (settled || event.detail === 0) && onRate(score)} data-testid={`rating-score-${score}`}>
            <Face curve={MOUTH_CURVE[score - 1] ?? 0} />
            <span>{t(`rating.levels.${score}`)}</span>
          </button>
        ))}
      </div>
    </>
  );
}

/** A face drawn in SVG (never an emoji: a screen without a colour-emoji font would show a box); its words say the score. */
function Face({ curve }: { curve: number }) {
  return (
    <svg className="rating__face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.5" fill="currentColor" />
      <circle cx="31" cy="19" r="2.5" fill="currentColor" />
      <path d={`M14 ${32 - curve / 2} Q24 ${32 + curve} 34 ${32 - curve / 2}`} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
