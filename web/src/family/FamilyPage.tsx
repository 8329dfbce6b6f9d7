import { RightOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { useApi } from '../people/shared/useApi';
import type { FamilyPerson, Relative } from './api';
import { Fact, FamilyError, PersonFacts, relationLabel } from './parts';
import './family.css';

/** 我的家人: the signed-in family member and the relatives who consented that they may act for them. */
export default function FamilyPage() {
  const t = useT();
  const navigate = useNavigate();
  const self = useApi<FamilyPerson>('/api/family/me');
  const relatives = useApi<{ relatives: Relative[] }>('/api/family/relatives');

  return (
    <main className="family-page" data-testid="family-page">
      <h1>{t('family.title')}</h1>
      <p className="family-lead">{t('family.lead')}</p>

      <h2>{t('family.me')}</h2>
      {self.error && !self.data && <FamilyError error={self.error} onRetry={self.reload} />}
      {!self.data && !self.error && <div className="family-loading">{t('app.loading')}</div>}
      {self.data && (
        <section
          className="family-card family-card-self"
          data-testid="family-self"
          aria-label={t('family.me')}
        >
          <div className="family-card-head">
            <p className="family-name">{self.data.name}</p>
            <span className="family-badge">{t('family.meBadge')}</span>
          </div>
          <PersonFacts person={self.data} />
        </section>
      )}

      <h2>{t('family.relatives')}</h2>
      {relatives.error && !relatives.data && (
        <FamilyError error={relatives.error} onRetry={relatives.reload} />
      )}
      {!relatives.data && !relatives.error && <div className="family-loading">{t('app.loading')}</div>}
      {relatives.data && relatives.data.relatives.length === 0 && (
        <div className="family-empty" data-testid="family-no-relatives">
          {t('family.noRelatives')}
        </div>
      )}
      {relatives.data?.relatives.map((relative) => {
        const relation = relationLabel(relative, t);
        return (
          <section
            key={relative.consentId}
            className="family-card"
            data-testid="family-relative"
            aria-label={relative.person.name}
          >
            <div className="family-card-head">
              <p className="family-name">{relative.person.name}</p>
              {relation && <span className="family-badge family-badge-warm">{relation}</span>}
            </div>
            <PersonFacts
              person={relative.person}
              extra={
                <Fact label={t('family.consentSince')}>
                  {dayjs(relative.grantedAt).format(t('family.dateFormat'))}
                </Fact>
              }
            />
            <Button
              className="family-button"
              type="primary"
              onClick={() => navigate(`/family/relatives/${relative.person.id}`)}
              data-testid={`family-relative-open-${relative.person.id}`}
            >
              {t('family.openRelative', { name: relative.person.name })}
              <RightOutlined />
            </Button>
          </section>
        );
      })}
    </main>
  );
}
