import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../ui/use-focus-on-mount';

export function IssuingScreen() {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="screen screen--issuing" aria-busy="true" aria-labelledby="issuing-title">
      <div className="spinner" aria-hidden="true" />
      <div role="status">
        <h1 id="issuing-title" ref={heading} tabIndex={-1}>
          {t('issuing.message')}
        </h1>
      </div>
    </section>
  );
}
