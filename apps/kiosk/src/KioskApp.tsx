import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_LANGUAGES, DEFAULT_KIOSK_RESET_AFTER_SEC, newRequestId, type BranchSnapshot, type CustomerLanguage, type ServiceConfig } from '@rinda/shared';
import type { LiveConnection } from './connection/live-connection';
import { useConnectionState } from './connection/use-connection-state';
import { kioskFlow, type KioskStep, type TicketChoice } from './flow/kiosk-flow';
import { issueTicket } from './flow/issue-ticket';
import type { KioskPrinter } from './printing/kiosk-printer';
import { setDocumentLanguage } from './i18n/setup-i18n';
import { useIdleTimeout } from './ui/use-idle-timeout';
import { useAudioGuide, useAudioStart, useIdleAudioPrompt } from './audio/use-audio-guide';
import { MoreTimePrompt } from './features/more-time/MoreTimePrompt';
import { KioskFrame } from './KioskFrame';
import { LanguageScreen } from './features/language/LanguageScreen';
import { ServiceScreen } from './features/services/ServiceScreen';
import { PriorityScreen } from './features/priority/PriorityScreen';
import { IssuingScreen } from './features/issuing/IssuingScreen';
import { ResultScreen } from './features/result/ResultScreen';
import { RefusedScreen } from './features/refused/RefusedScreen';
import { OutOfServiceScreen } from './features/out-of-service/OutOfServiceScreen';
import { AppointmentScreen } from './features/appointment/AppointmentScreen';
import { CheckInScreen } from './features/check-in/CheckInScreen';
import { CheckInResultScreen } from './features/check-in/CheckInResultScreen';
import { sendCheckIn, type CheckInOutcome } from './features/check-in/send-check-in';
import { useScanListener } from './features/check-in/use-scan-listener';
import type { Scan } from './features/check-in/scan-recogniser';

interface Props {
  connection: LiveConnection;
  printer: KioskPrinter;
  deviceToken: string | null;
}

/** Screens mid-choice wait this many times the result's reset time before starting over. */
const MID_FLOW_IDLE_FACTOR = 3;

export function KioskApp({ connection, printer, deviceToken }: Props) {
  const { status, view: snapshot } = useConnectionState(connection);
  const [step, dispatch] = useReducer(kioskFlow, { name: 'language' } as KioskStep);
  const [accessible, setAccessible] = useState(false);
  // The audio-guided mode (use-audio-guide.ts): started without seeing the screen, ends with the customer.
  const [audio, setAudio] = useState(false);
  const { i18n } = useTranslation();
  // One ticket per confirmed choice: a second touch while the first is in flight does nothing.
  const pending = useRef(false);
  // A phone ticket scanned on any screen: its outcome shows in place of the screen, which comes back after.
  const [scanned, setScanned] = useState<CheckInOutcome | null>(null);
  const checking = useRef(false);

  const language = step.name === 'language' ? (snapshot?.config.branch.defaultLanguage ?? 'lv') : step.language;
  useEffect(() => {
    void i18n.changeLanguage(language).then(() => {
      document.title = i18n.t('app.title');
    });
    setDocumentLanguage(language);
  }, [i18n, language]);

  const reset = useCallback(() => {
    dispatch({ type: 'reset' });
    setScanned(null);
    setAccessible(false);
    setAudio(false);
  }, []);
  const startAudio = useCallback(() => setAudio(true), []);
  // Whoever comes after an outage starts from the beginning.
  useEffect(() => {
    if (status === 'offline') reset();
  }, [status, reset]);

  const issue = useCallback(
    async (snap: BranchSnapshot, lng: CustomerLanguage, choice: TicketChoice) => {
      if (pending.current) return;
      pending.current = true;
      try {
        dispatch(await issueTicket(connection, printer, snap.config, lng, choice));
      } finally {
        pending.current = false;
      }
    },
    [connection, printer],
  );

  const onScan = useCallback(
    async (scan: Scan) => {
      if (checking.current) return;
      checking.current = true;
      try {
        setScanned(scan.kind === 'ticket' ? await sendCheckIn(connection, scan.code) : { kind: 'unreadable' });
      } finally {
        checking.current = false;
      }
    },
    [connection],
  );
  useScanListener(status === 'online' && scanned === null, (scan) => void onScan(scan));
  // A found ticket's outcome is told in the language its customer chose on the phone.
  const scanLanguage = scanned?.kind === 'checkedIn' ? scanned.language : language;
  // Back to the screen the customer was on; a check-in made from the check-in screen has nothing more to do there.
  const closeScanned = () => {
    if (step.name === 'checkIn' && scanned?.kind === 'checkedIn') reset();
    else setScanned(null);
  };

  const resetAfterSec = snapshot?.config.kiosk.resetAfterSec ?? DEFAULT_KIOSK_RESET_AFTER_SEC;
  const finished = useIdleTimeout(step.name === 'result' || step.name === 'refused' || scanned !== null, resetAfterSec, reset);
  const midFlow = useIdleTimeout(
    step.name === 'service' || step.name === 'priority' || step.name === 'appointment' || step.name === 'checkIn',
    resetAfterSec * MID_FLOW_IDLE_FACTOR,
    reset,
  );
  const asking = finished.asking || midFlow.asking;

  const idle = step.name === 'language' && scanned === null && status === 'online' && !audio;
  useAudioStart(idle, startAudio);
  // A string, not the array: a new snapshot (every queue change) must not restart the prompt's interval.
  const promptLanguages = (snapshot?.config.branch.kioskLanguages ?? []).join(',');
  useIdleAudioPrompt(idle, snapshot?.config.kiosk.audioPromptEverySec ?? 0, promptLanguages, deviceToken);
  useAudioGuide({
    on: audio,
    screen: scanned ? 'checkInResult' : step.name,
    language: scanLanguage,
    token: deviceToken,
    selfSpoken: step.name === 'result' || scanned !== null,
    asking,
    typing: step.name === 'checkIn' && scanned === null,
  });

  if (status === 'offline') return <OutOfServiceScreen languages={snapshot?.config.branch.kioskLanguages ?? CUSTOMER_LANGUAGES} />;
  if (!snapshot) return <main className="kiosk kiosk--starting" aria-busy="true" />;

  const { config } = snapshot;
  const serviceName = (serviceId: string) => config.services.find((s) => s.id === serviceId)?.names[language] ?? serviceId;
  const busy = pending.current || status !== 'online';

  const chooseService = (service: ServiceConfig) => {
    if (pending.current || step.name !== 'service') return;
    const hasPriorityChoice = service.priorityReasonIds.length > 0;
    const requestId = newRequestId();
    dispatch({ type: 'chooseService', serviceId: service.id, hasPriorityChoice, requestId });
    if (!hasPriorityChoice) void issue(snapshot, step.language, { serviceId: service.id, priorityReasonId: null, requestId });
  };
  const choosePriority = (priorityReasonId: string | null) => {
    if (pending.current || step.name !== 'priority') return;
    const requestId = newRequestId();
    dispatch({ type: 'choosePriority', priorityReasonId, requestId });
    void issue(snapshot, step.language, { serviceId: step.serviceId, priorityReasonId, requestId });
  };
  const checkIn = (code: string) => {
    if (pending.current || step.name !== 'appointment') return;
    const requestId = newRequestId();
    dispatch({ type: 'enterCode', code, requestId });
    void issue(snapshot, step.language, { serviceId: '', priorityReasonId: null, requestId, code });
  };
  const retry = () => {
    if (pending.current || step.name !== 'refused') return;
    dispatch({ type: 'retry' });
    void issue(snapshot, step.language, step.choice);
  };

  return (
    <KioskFrame
      branchName={config.branch.name}
      audio={audio}
      accessible={accessible}
      onToggleAccessible={() => setAccessible((on) => !on)}
      onBack={
        scanned === null &&
        (step.name === 'service' || step.name === 'priority' || step.name === 'appointment' || step.name === 'checkIn' || step.name === 'refused')
          ? () => dispatch({ type: 'back' })
          : null
      }
      onStartOver={
        scanned === null && (step.name === 'priority' || step.name === 'appointment' || step.name === 'checkIn' || step.name === 'refused') ? reset : null
      }
    >
      {scanned ? (
        <CheckInResultScreen outcome={scanned} language={scanLanguage} audioGuide={audio} deviceToken={deviceToken} onClose={closeScanned} />
      ) : (
        <>
          {step.name === 'language' && (
            <LanguageScreen
              languages={config.branch.kioskLanguages}
              defaultLanguage={config.branch.defaultLanguage}
              onChoose={(lng) => dispatch({ type: 'chooseLanguage', language: lng })}
              onCheckIn={config.remoteJoin.serviceIds.length > 0 ? () => dispatch({ type: 'openCheckIn', language: config.branch.defaultLanguage }) : null}
            />
          )}
          {step.name === 'service' && (
            <ServiceScreen
              language={step.language}
              services={config.services}
              queues={snapshot.queues}
              disabled={busy}
              onChoose={chooseService}
              onAppointment={config.appointments.services.length > 0 ? () => dispatch({ type: 'openAppointment' }) : null}
            />
          )}
          {step.name === 'appointment' && <AppointmentScreen disabled={busy} onSubmit={checkIn} />}
          {step.name === 'checkIn' && (
            <CheckInScreen connection={connection} language={step.language} disabled={status !== 'online'} audioGuide={audio} deviceToken={deviceToken} onDone={reset} />
          )}
          {step.name === 'priority' && (
            <PriorityScreen
              language={step.language}
              serviceName={serviceName(step.serviceId)}
              reasons={config.priorityReasons.filter((r) => config.services.find((s) => s.id === step.serviceId)?.priorityReasonIds.includes(r.id))}
              disabled={busy}
              onChoose={choosePriority}
            />
          )}
          {step.name === 'issuing' && <IssuingScreen />}
          {step.name === 'result' && (
            <ResultScreen
              language={step.language}
              issued={step.issued}
              print={step.print}
              serviceName={serviceName(step.issued.ticket.serviceId)}
              timeZone={config.branch.timeZone}
              deviceToken={deviceToken}
              audioGuide={audio}
              onDone={reset}
            />
          )}
          {step.name === 'refused' && <RefusedScreen reason={step.reason} onRetry={retry} />}
        </>
      )}
      {asking && <MoreTimePrompt />}
    </KioskFrame>
  );
}
