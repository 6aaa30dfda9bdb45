import { useTranslation } from 'react-i18next';

/** A table's header row: one column heading per translation key, in order. */
export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {labels.map((key) => <th key={key} scope="col">{t(key)}</th>)}
      </tr>
    </thead>
  );
}
