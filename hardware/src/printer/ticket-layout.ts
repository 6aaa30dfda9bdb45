import { z } from 'zod';
import { localTimeOf, waitWording, type BranchConfig, type CustomerLanguage, type IssuedTicket, type PrinterCodePage, type PrinterProfile, type WaitRange } from '@rinda/shared';
import { customerMessages, translate } from '@rinda/shared/i18n';
import { codePageFor, foldToCodePage } from './ticket-code-page';

export const PaperWidth = z.union([z.literal(58), z.literal(80)]);
export type PaperWidth = z.infer<typeof PaperWidth>;

/** Characters per line in font A (12 dots wide): 384 printable dots on 58 mm paper, 576 on 80 mm. */
export const COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };

export type Align = 'left' | 'center' | 'right';

/** One printed line; `size` multiplies both width and height (1–8, as GS ! allows). */
export interface TextLine {
  kind: 'text';
  text: string;
  align: Align;
  bold: boolean;
  size: number;
}
export type LayoutLine =
  | TextLine
  | { kind: 'qr'; data: string; cellSize: number }
  | { kind: 'rule' }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface TicketLayout {
  paperWidth: PaperWidth;
  columns: number;
  /** The one character table the whole ticket is printed in; every text line holds only its characters. */
  codePage: PrinterCodePage;
  lines: LayoutLine[];
}

export type TicketContent = Omit<IssuedTicket, 'print'>;

const MAX_SIZE = 8;

/** Intl locales for dates and times: en-GB keeps the 24-hour clock and day-month order of the region. */
const LOCALES: Record<CustomerLanguage, string> = {
  lv: 'lv-LV',
  lt: 'lt-LT',
  pl: 'pl-PL',
  ru: 'ru-RU',
  uk: 'uk-UA',
  en: 'en-GB',
};

/**
 * Everything that goes on a paper ticket, in print order, for the kiosk's printer profile: its paper width,
 * its code page (text folded to what the page holds before it is wrapped, so it still fits), and the
 * status address as a QR code or, on a printer without QR codes, as text. Pure: tested without a printer.
 */
export function buildTicketLayout(
  issued: TicketContent,
  config: BranchConfig,
  language: CustomerLanguage,
  profile: Pick<PrinterProfile, 'paperWidthMm' | 'codePages' | 'qr'>,
): TicketLayout {
  const paperWidth = profile.paperWidthMm;
  const columns = COLUMNS[paperWidth];
  const codePage = codePageFor(language, profile);
  const messages = customerMessages.ticket[language];
  const t = (key: string, params?: Record<string, string | number>) => translate(messages, key, params);
  const { ticket } = issued;
  const service = config.services.find((s) => s.id === ticket.serviceId);
  const serviceName = service ? service.names[language] : ticket.serviceId;
  const reason = config.priorityReasons.find((r) => r.id === ticket.priorityReasonId);

  // The range told (two lines), or that no counter is open: never a number then.
  const waitLines = (wait: WaitRange | null): string[] => {
    const said = waitWording(wait);
    if (said.kind === 'noCounter') return [t('noCounter')];
    const typical = said.kind === 'under' ? t('waitTypicalUnderMinute') : t('waitTypical', { minutes: said.typicalMin });
    return [typical, t('waitAtMost', { minutes: said.atMostMin })];
  };
  const text = (value: string, align: Align, bold = false, size = 1): TextLine[] =>
    wrapText(foldToCodePage(value, codePage), Math.floor(columns / size)).map((line) => ({ kind: 'text', text: line, align, bold, size }));
  const statusAddress: LayoutLine[] = profile.qr
    ? [{ kind: 'qr', data: issued.statusUrl, cellSize: paperWidth === 58 ? 5 : 6 }, ...text(t('scanQr'), 'center')]
    : [...text(t('followAt'), 'center'), ...text(issued.statusUrl, 'center')];

  const numberSize = Math.max(1, Math.min(MAX_SIZE, Math.floor(columns / ticket.displayNumber.length)));
  return {
    paperWidth,
    columns,
    codePage,
    lines: [
      ...text(config.branch.name, 'center', true),
      { kind: 'rule' },
      ...text(t('yourNumber'), 'center'),
      ...text(ticket.displayNumber, 'center', true, numberSize),
      ...text(serviceName, 'center', true, 2),
      ...(reason ? text(t('priority', { reason: reason.names[language] }), 'center') : []),
      ...(ticket.appointment ? text(t('appointment', { time: localTimeOf(ticket.appointment.slotStart, config.branch.timeZone) }), 'center', true) : []),
      { kind: 'rule' },
      ...text(t('issuedAt', { dateTime: formatIssuedAt(ticket.issuedAt, config.branch.timeZone, language) }), 'left'),
      ...text(t('peopleAhead', { count: issued.peopleAhead }), 'left'),
      ...waitLines(issued.wait).flatMap((line) => text(line, 'left')),
      { kind: 'feed', lines: 1 },
      ...statusAddress,
      { kind: 'feed', lines: 1 },
      ...text(t('pleaseWait'), 'center', true),
      { kind: 'cut' },
    ],
  };
}

/**
 * Date and time of issue in the branch's zone, as the customer's language writes them. Intl puts
 * (narrow) no-break spaces in some locales; a printer code page has no such character.
 */
export function formatIssuedAt(at: number, timeZone: string, language: CustomerLanguage): string {
  const formatted = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return formatted.replace(/[\u00a0\u202f]/g, ' ');
}

/** Breaks text into lines of at most `width` characters, at spaces where it can, inside a word where it must. */
export function wrapText(value: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of value.trim().split(/\s+/)) {
    let rest = word;
    while (rest.length > width) {
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= width) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  return lines;
}
