import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { localTimeOf, spokenTicketNumber, type CustomerLanguage, type IssuedTicket, type PrintOutcome } from '@rinda/shared';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';
import { useSettled } from '../../ui/use-settled';
import { speak } from '../../speech/speak';
import { waitText } from '../../ui/wait-text';
import { TicketQr } from './TicketQr';

const RESULT_WAIT_KEYS = { range: 'result.waitRange', under: 'result.waitUnder', noCounter: 'result.noCounter' };
const SPOKEN_WAIT_KEYS = { range: 'result.speechWaitRange', under: 'result.speechWaitUnder', noCounter: 'result.speechNoCounter' };

interface Props {
  language: CustomerLanguage;
  issued: IssuedTicket;
  print: PrintOutcome;
  serviceName: string;
  /** The branch's zone: an appointment's booked time is shown on its clock. */
  timeZone: string;
  deviceToken: string | null;
  /** The audio-guided mode is on: the read-out also says how to finish. */
  audioGuide: boolean;
  onDone: () => void;
}

/** The number, large; a touch anywhere ends (after a moment, so a double tap cannot hide the number at once). */
export function ResultScreen({ language, issued, print, serviceName, timeZone, deviceToken, audioGuide, onDone }: Props) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const settled = useSettled(1500);
  const printFailed = print.status === 'failed';
  const number = issued.ticket.displayNumber;
  const [waitKey, waitValues] = waitText(issued.wait, RESULT_WAIT_KEYS);
  const spokenWait = t(...waitText(issued.wait, SPOKEN_WAIT_KEYS));

  useEffect(() => {
    const params = { number: spokenTicketNumber(number, language), service: serviceName, count: issued.peopleAhead, wait: spokenWait };
    const said = t(printFailed ? 'result.speechPrintFailed' : 'result.speech', params);
    return speak(language, audioGuide ? `${said} ${t('audio.resultHint')}` : said, deviceToken);
  }, [language, number, serviceName, issued.peopleAhead, spokenWait, printFailed, deviceToken, audioGuide, t]);

  return (
    <section
      className={`screen screen--result${printFailed ? ' screen--print-failed' : ''}`}
      aria-labelledby="result-title"
      onPointerUp={() => settled && onDone()}
    >
      <div className="result__ticket">
        <h1 id="result-title" ref={heading} tabIndex={-1}>
          {t('result.yourNumber')}
        </h1>
        <p className="ticket-number" data-testid="ticket-number">
          {number}
        </p>
        <p className="result__service">{t('result.service', { service: serviceName })}</p>
        {issued.ticket.appointment ? (
          <p className="result__service" data-testid="appointment-time">
            {t('appointment.result', { time: localTimeOf(issued.ticket.appointment.slotStart, timeZone) })}
          </p>
        ) : null}
        <p className="result__detail" data-testid="people-ahead">
          {t('result.peopleAhead', { count: issued.peopleAhead })}
        </p>
        <p className="result__detail" data-testid="estimated-wait">
          {t(waitKey, waitValues)}
        </p>
      </div>
      <div className="result__after">
        {printFailed ? (
          <div className="result__print-failed">
            <p className="result__alert" role="alert">
              {t('result.printFailed')}
            </p>
            <TicketQr url={issued.statusUrl} label={t('result.qrLabel', { number })} />
            <p className="result__detail">{t('result.scanQr')}</p>
          </div>
        ) : (
          <p className="result__take" role="status">
            {t('result.takeTicket')}
          </p>
        )}
        <p className="result__hint">{t('result.touchToFinish')}</p>
        <button type="button" className="nav-button nav-button--primary" onClick={onDone}>
          {t('nav.done')}
        </button>
      </div>
    </section>
  );
}
