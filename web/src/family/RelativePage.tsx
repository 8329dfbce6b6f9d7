import { LeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../i18n';
import { useApi } from '../people/shared/useApi';
import type { RelativeDetail } from './api';
import { FamilyError, PersonFacts } from './parts';
import './family.css';

/** One relative who consented: their record and the support they currently receive (while the consent lasts). */
export default function RelativePage() {
  const t = useT();
  const { id } = useParams();
  const { data, error, reload } = useApi<RelativeDetail>(`/api/family/relatives/${Number(id)}`);
  const format = (date: string) => dayjs(date).format(t('family.dateFormat'));

  return (
    <main className="family-page" data-testid="family-relative-page">
      <Link to="/family" className="family-back">
        <LeftOutlined /> {t('family.back')}
      </Link>
      {error && !data && <FamilyError error={error} onRetry={reload} />}
      {!data && !error && <div className="family-loading">{t('app.loading')}</div>}
      {data && (
        <>
          <h1>{data.name}</h1>
          <section className="family-card">
            <PersonFacts person={data} />
          </section>
          <h2>{t('family.conditions')}</h2>
          {data.conditions.length === 0 ? (
            <div className="family-empty">{t('family.noConditions')}</div>
          ) : (
            <section className="family-card">
              <ul className="family-conditions" data-testid="family-conditions">
                {data.conditions.map((condition) => (
                  <li key={condition.id}>
                    <div style={{ fontWeight: 600 }}>
                      {t(`family.condition.${condition.kind}`)}
                      {condition.disabilityGrade !== null &&
                        ` · ${t('family.disabilityGrade', { grade: condition.disabilityGrade })}`}
                    </div>
                    <div className="family-muted">
                      {condition.validTo
                        ? t('family.validRange', {
                            from: format(condition.validFrom),
                            to: format(condition.validTo),
                          })
                        : t('family.validFrom', { from: format(condition.validFrom) })}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </main>
  );
}
