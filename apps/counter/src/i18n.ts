import { createStaffI18n } from '@rinda/shared/ui/staff-i18n';

/** The teller's language, kept on this PC across reloads; until the branch's staff language arrives (Session), English. */
const staffI18n = createStaffI18n('counter');
export const initI18n = staffI18n.init;
export const chooseLanguage = staffI18n.choose;
export const hasSavedLanguage = staffI18n.hasSavedChoice;
