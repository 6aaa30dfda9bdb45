import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerLanguage } from '@rinda/shared';
import { speechPlayer, type Utterance } from '../speech/speech-player';
import { guideCommand, LONG_PRESS_MS, LONG_PRESS_SLOP_PX, movedFocus, packUtterances, typesIntoField } from './audio-keys';

/** A screen's controls have had time to appear and settle (use-settled.ts: 400 ms) before it is read. */
const READ_AFTER_MS = 500;

/** The screen's controls an arrow moves between, in reading order: its choices, then the way back or on. */
function controls(): HTMLButtonElement[] {
  return [...document.querySelectorAll<HTMLButtonElement>('.kiosk__main button, .kiosk__nav button')].filter((b) => !b.disabled);
}

/** The numbered choices of the screen (services, priority reasons, languages, "try again"). */
function choices(): HTMLButtonElement[] {
  return [...document.querySelectorAll<HTMLButtonElement>('.kiosk__main button.choice')];
}

/**
 * What a control says: its text, its lines joined as a sentence ("Cash and payments, Waiting: 2, Wait 5–10 min");
 * in a screen's list, only its first `parts` (the name and how many wait; the rest is said when an arrow reaches it).
 */
const labelOf = (el: HTMLElement, parts = Infinity) =>
  el.innerText
    .split(/\n| · /)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, parts)
    .join(', ');

/**
 * Starts the audio-guided mode without seeing the screen: a press held LONG_PRESS_MS anywhere on the idle screen,
 * Enter held as long, or F1 (the help key of a kiosk keypad). The touch that started it chooses nothing.
 */
export function useAudioStart(enabled: boolean, onStart: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let origin: { x: number; y: number } | null = null;
    let swallowClick = false;
    const cancel = () => {
      clearTimeout(timer);
      timer = undefined;
      origin = null;
    };
    const hold = (byPointer: boolean) => {
      cancel();
      timer = setTimeout(() => {
        swallowClick = byPointer;
        onStart();
      }, LONG_PRESS_MS);
    };
    const onPointerDown = (e: PointerEvent) => {
      hold(true);
      origin = { x: e.clientX, y: e.clientY };
    };
    const onPointerMove = (e: PointerEvent) => {
      if (origin && Math.hypot(e.clientX - origin.x, e.clientY - origin.y) > LONG_PRESS_SLOP_PX) cancel();
    };
    const onClick = (e: MouseEvent) => {
      if (!swallowClick) return;
      swallowClick = false;
      e.preventDefault();
      e.stopPropagation();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        onStart();
      } else if (e.key === 'Enter' && !e.repeat) hold(false);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === 'Enter') cancel();
    };
    window.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('pointermove', onPointerMove);
    window.addEventListener('pointerup', cancel);
    window.addEventListener('pointercancel', cancel);
    window.addEventListener('click', onClick, true);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      cancel();
      window.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointermove', onPointerMove);
      window.removeEventListener('pointerup', cancel);
      window.removeEventListener('pointercancel', cancel);
      // Kept a moment: the click that ends the long press comes after the mode started (and this effect ended).
      setTimeout(() => window.removeEventListener('click', onClick, true), LONG_PRESS_MS);
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [enabled, onStart]);
}

/** The idle kiosk says how to start the audio-guided mode every `everySec`, each time in the next of its languages. */
export function useIdleAudioPrompt(active: boolean, everySec: number, languageList: string, token: string | null): void {
  const { i18n } = useTranslation();
  const turn = useRef(0);
  useEffect(() => {
    const languages = languageList.split(',').filter(Boolean) as CustomerLanguage[];
    if (!active || everySec <= 0 || languages.length === 0) return;
    let stop = () => {};
    const timer = setInterval(() => {
      const language = languages[turn.current++ % languages.length]!;
      stop = speechPlayer(token).say([{ language, text: i18n.getFixedT(language)('audio.idlePrompt') }]);
    }, everySec * 1000);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [active, everySec, languageList, token, i18n]);
}

export interface AudioGuideOptions {
  on: boolean;
  /** Changes whenever a new screen shows (the flow's step, the "more time?" question): it is read aloud then. */
  screen: string;
  language: CustomerLanguage;
  token: string | null;
  /** The screen reads itself (the result speaks the ticket): the guide only adds navigation. */
  selfSpoken: boolean;
  /** "Do you need more time?" is showing: every key is an answer, not a choice. */
  asking: boolean;
  /**
   * The screen takes a typed code (the phone ticket's check-in): it is read with how to type it rather than with
   * numbered choices, and the keys that type (audio-keys.ts, typesIntoField) go to its field.
   */
  typing: boolean;
}

/**
 * The audio-guided mode: every screen read aloud in the customer's language when it shows (its title, its choices
 * numbered, how to move), and keys to move (audio-keys.ts): arrows say each control as they reach it (a language in
 * its own language), Enter chooses it, a digit chooses straight away, 0 goes back.
 */
export function useAudioGuide({ on, screen, language, token, selfSpoken, asking, typing }: AudioGuideOptions): void {
  const { i18n } = useTranslation();

  useEffect(() => {
    if (!on) return;
    const t = i18n.getFixedT(language);
    const player = speechPlayer(token);
    const timer = setTimeout(() => {
      if (asking) player.say([{ language, text: t('moreTime.speech') }]);
      else if (screen === 'language') player.say([{ language, text: t('audio.on') }]);
      else if (typing) player.say(typingUtterances(language, t));
      else if (!selfSpoken) player.say(screenUtterances(language, t));
    }, READ_AFTER_MS);
    return () => clearTimeout(timer);
  }, [on, screen, language, token, selfSpoken, asking, typing, i18n]);

  useEffect(() => {
    if (!on) return;
    const t = i18n.getFixedT(language);
    const player = speechPlayer(token);
    const onKeyDown = (e: KeyboardEvent) => {
      if (asking || e.repeat) return;
      if (typing && typesIntoField(e.key, document.activeElement instanceof HTMLButtonElement)) {
        // Focused first: a digit pressed after an arrow took the focus to a button still lands in the code.
        document.querySelector<HTMLInputElement>('.kiosk__main input')?.focus();
        return;
      }
      const command = guideCommand(e.key);
      if (!command) return;
      if (command.kind === 'activate') {
        // On a control, Enter is the button's own click. Elsewhere: a screen that speaks itself (the result) takes
        // its main action (Done), any other repeats what it said.
        if (document.activeElement instanceof HTMLButtonElement) return;
        e.preventDefault();
        if (selfSpoken) document.querySelector<HTMLButtonElement>('.kiosk__main .nav-button--primary')?.click();
        else if (typing) player.say(typingUtterances(language, t));
        else player.say(screen === 'language' ? [{ language, text: t('audio.on') }] : screenUtterances(language, t, [t('audio.choicesHint')]));
        return;
      }
      e.preventDefault();
      if (command.kind === 'choose') choices()[command.index]?.click();
      else if (command.kind === 'back') document.querySelector<HTMLButtonElement>('.kiosk__nav button')?.click();
      else {
        const list = controls();
        const next = list[movedFocus(list.indexOf(document.activeElement as HTMLButtonElement), list.length, command.by)];
        if (!next) return;
        next.focus();
        const own = next.lang as CustomerLanguage;
        player.say(
          screen === 'language' && own
            ? [{ language: own, text: i18n.getFixedT(own)('audio.languageChoice', { language: labelOf(next) }) }]
            : [{ language, text: labelOf(next) }],
        );
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [on, screen, language, token, selfSpoken, asking, typing, i18n]);

  // The guide speaks into the kiosk's headset when one is plugged in; the mode ends with the customer: nothing more
  // is said for them, and the loudspeaker is the kiosk's voice again.
  useEffect(() => {
    if (!on) return;
    const player = speechPlayer(token);
    player.useHeadset(true);
    return () => {
      player.stop();
      player.useHeadset(false);
    };
  }, [on, token]);
}

/** How much of each choice a screen's list says (services: the name and how many wait). */
const LIST_LABEL_PARTS = 2;

/**
 * A screen as it is read, kept short (a blind customer hears all of it before choosing): its title, its choices
 * numbered, then its hint (the priority question's explanation). The keys were explained when the mode started;
 * Enter away from any control says the screen again with them (`extra`).
 */
function screenUtterances(language: CustomerLanguage, t: (key: string, params?: Record<string, unknown>) => string, extra: string[] = []): Utterance[] {
  if (!document.querySelector('.kiosk__main')) return [];
  const numbered = choices().map((choice, i) => t('audio.choice', { number: i + 1, label: labelOf(choice, LIST_LABEL_PARTS) }));
  return packUtterances([...screenTexts('h1'), ...numbered, ...screenTexts('.screen__subtitle'), ...extra]).map((text) => ({ language, text }));
}

/** The screen's texts that `selector` finds, each said as a sentence. */
function screenTexts(selector: string): string[] {
  const sentence = (s: string) => (/[.!?…:]$/.test(s) ? s : `${s}.`);
  return [...document.querySelectorAll<HTMLElement>(`.kiosk__main ${selector}`)].map((el) => sentence(labelOf(el)));
}

/** A screen that takes a typed code, as it is read: its title, its hint, and the keys that type and send the code. */
function typingUtterances(language: CustomerLanguage, t: (key: string, params?: Record<string, unknown>) => string): Utterance[] {
  return packUtterances([...screenTexts('h1'), ...screenTexts('.screen__subtitle'), t('audio.codeKeys')]).map((text) => ({ language, text }));
}
