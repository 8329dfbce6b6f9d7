import { useT } from '../i18n';
import { PageHeading } from '../people/shared/PageHeading';
import { useSelectedRegion } from '../regions/scope';
import { RateView } from './RatePage';
import './console.css';

/** 月探访率 for planning (发改): the rate by region only, never the persons behind it. */
export default function RateOnlyPage() {
  const t = useT();
  const { code } = useSelectedRegion();
  return (
    <div className="visits-console" data-testid="visits-rate-only-page">
      <PageHeading title={t('visits.nav.rate')} region={code} />
      <RateView persons={false} />
    </div>
  );
}
