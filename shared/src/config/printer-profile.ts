import { z } from 'zod';

/**
 * Character tables a ticket printer may hold, named as Epson's ESC/POS reference names them. A ticket is
 * printed in one table from start to end: the first of the profile's tables of the ticket language's script
 * (hardware/src/printer/code-pages.ts).
 */
export const PRINTER_CODE_PAGES = ['WPC1257', 'WPC1251', 'PC866', 'PC1125', 'PC855', 'PC775', 'WPC1250', 'PC852', 'PC437'] as const;
export const PrinterCodePage = z.enum(PRINTER_CODE_PAGES);
export type PrinterCodePage = z.infer<typeof PrinterCodePage>;

/**
 * What a kiosk's ticket printer can do. The defaults are the printer every kiosk had before profiles
 * existed: 80 mm paper, Windows-1257 and Windows-1251, QR codes, no automatic status back.
 */
export const PRINTER_PROFILE_FIELDS = {
  /** 58 mm paper holds 32 columns of font A, 80 mm paper 48. */
  paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
  /** The tables the printer has, in order of preference. */
  codePages: z
    .array(PrinterCodePage)
    .min(1)
    .max(PRINTER_CODE_PAGES.length)
    .default(['WPC1257', 'WPC1251'])
    .refine((pages) => new Set(pages).size === pages.length, 'a code page is listed twice'),
  /** Whether it prints QR codes (GS ( k); without, the ticket prints the status address as text. */
  qr: z.boolean().default(true),
  /**
   * Whether it offers automatic status back (GS a): it then reports paper end, cover open and errors on its
   * own while printing, as well as answering DLE EOT after the cut.
   */
  autoStatusBack: z.boolean().default(false),
};

/** The fields of a profile, each with its default; the Electron shell's config has them at its top level. */
export const PrinterProfile = z.strictObject(PRINTER_PROFILE_FIELDS);
export type PrinterProfile = z.infer<typeof PrinterProfile>;
export type PrinterProfileInput = z.input<typeof PrinterProfile>;

/** The profile of a kiosk whose device names no other: today's printer. */
export const DEFAULT_PRINTER_PROFILE_ID = 'standard';
export const defaultPrinterProfile: PrinterProfile = PrinterProfile.parse({});
