import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { nearAlertDue, type CallView, type PhoneAlertSettings, type StandingNow, type Ticket } from '@rinda/shared';
import { playNearCue } from './call-cue';
import { showNotification } from './notify';

/**
 * "Nearly your turn": sound, vibration and a notification once, when the turn becomes near while the page
 * watches (phoneAlerts: N people or M minutes left; the rule is nearAlertDue). "It is your turn": a
 * notification with each new call (the chime and vibration are useCallCue's).
 */
export function useTurnAlerts(ticket: Ticket | undefined, standing: StandingNow | null, settings: PhoneAlertSettings | undefined, latestCall: CallView | undefined): void {
  const { t } = useTranslation();
  const before = useRef<StandingNow | null>(null);
  const alerted = useRef(false);
  const notifiedCalls = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!ticket || ticket.state !== 'waiting' || !standing || !settings) return;
    if (nearAlertDue(before.current, standing, settings, alerted.current)) {
      alerted.current = true;
      playNearCue();
      showNotification(t('alerts.nearTitle'), t('alerts.nearBody', { number: ticket.displayNumber, count: standing.peopleAhead }), `near-${ticket.id}`);
    }
    before.current = standing;
  }, [ticket, standing, settings, t]);

  useEffect(() => {
    if (!ticket) return;
    if (notifiedCalls.current === null) {
      // Calls made before the page opened are not news.
      notifiedCalls.current = new Set(latestCall ? [latestCall.callId] : []);
      return;
    }
    if (!latestCall || notifiedCalls.current.has(latestCall.callId)) return;
    notifiedCalls.current.add(latestCall.callId);
    showNotification(t('alerts.calledTitle'), t('alerts.calledBody', { number: ticket.displayNumber, counter: latestCall.counterNumber }), `call-${latestCall.callId}`);
  }, [ticket, latestCall, t]);
}
