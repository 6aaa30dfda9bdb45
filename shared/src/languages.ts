import { z } from 'zod';

/** Languages a customer can choose at a kiosk and hear in an announcement. */
export const CUSTOMER_LANGUAGES = ['lv', 'lt', 'pl', 'ru', 'uk', 'en'] as const;
export const CustomerLanguage = z.enum(CUSTOMER_LANGUAGES);
export type CustomerLanguage = z.infer<typeof CustomerLanguage>;

/** Languages of the staff apps (counter, manager). */
export const STAFF_LANGUAGES = ['en', 'lv', 'lt', 'pl'] as const;
export const StaffLanguage = z.enum(STAFF_LANGUAGES);
export type StaffLanguage = z.infer<typeof StaffLanguage>;

/** A text given in every customer language: configuration must never leave a customer without a name. */
export const LocalisedText = z.object({
  lv: z.string().min(1),
  lt: z.string().min(1),
  pl: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
  en: z.string().min(1),
});
export type LocalisedText = z.infer<typeof LocalisedText>;
