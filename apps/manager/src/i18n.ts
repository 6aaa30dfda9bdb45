import { createStaffI18n } from '@rinda/shared/ui/staff-i18n';

const staffI18n = createStaffI18n('manager');
export const initI18n = staffI18n.init;
export const chooseLanguage = staffI18n.choose;
