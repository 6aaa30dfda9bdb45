import { useTranslation } from 'react-i18next';

export function FormStatus({ error, saved }: { error: string | null; saved: boolean }) {
  const { t } = useTranslation();
  if (error) return <p role="alert" className="error">{error}</p>;
  return saved ? <p role="status" className="saved">{t('config.saved')}</p> : null;
}
