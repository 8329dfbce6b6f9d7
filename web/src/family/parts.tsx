import { Button } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { useLocale, useT, type Translate } from '../i18n';
import { ageOf, type FamilyPerson, type Relative } from './api';
import './family.css';

/** "母亲", "儿子", "配偶"…: how a relative is related to the signed-in person, by kind, direction and sex. */
export function relationLabel(relative: Relative, t: Translate): string | null {
  const link = relative.relationships[0];
  if (!link) return null;
  const sex = relative.person.sex;
  switch (link.kind) {
    case 'child_of':
      // outgoing: the relative is your child; incoming: you are their child, so they are your parent.
      return link.direction === 'outgoing' ? t(`family.rel.child.${sex}`) : t(`family.rel.parent.${sex}`);
    case 'guardian_of':
      return link.direction === 'outgoing' ? t('family.rel.guardian') : t('family.rel.ward');
    case 'spouse_of':
      return t(`family.rel.spouse.${sex}`);
    default:
      return t('family.rel.relative');
  }
}

export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="family-fact" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Name, sex and age, ID number (masked as the server sends it), address, living situation, self-care level. */
export function PersonFacts({ person, extra }: { person: FamilyPerson; extra?: ReactNode }) {
  const t = useT();
  return (
    <dl className="family-facts">
      <Fact label={t('family.sexAge')}>
        {t(`family.sex.${person.sex}`)} · {t('family.age', { age: ageOf(person.birthDate) })}
      </Fact>
      <Fact label={t('family.birthDate')}>{dayjs(person.birthDate).format(t('family.dateFormat'))}</Fact>
      {person.idNumberMasked && (
        <Fact label={t('family.idNumber')} testId="family-id-number">
          <span className="family-id">{person.idNumberMasked}</span>
        </Fact>
      )}
      {person.address && <Fact label={t('family.address')}>{person.address}</Fact>}
      {person.livingSituation && (
        <Fact label={t('family.livingSituation')}>{t(`family.living.${person.livingSituation}`)}</Fact>
      )}
      {person.capabilityLevel !== null && (
        <Fact label={t('family.capability')}>
          {t(`family.capabilityLevel.${person.capabilityLevel as 0 | 1 | 2 | 3 | 4}`)}
          {person.capabilityAssessedOn && (
            <span className="family-muted">
              {' '}
              {t('family.assessedOn', {
                date: dayjs(person.capabilityAssessedOn).format(t('family.dateFormat')),
              })}
            </span>
          )}
        </Fact>
      )}
      {extra}
    </dl>
  );
}

/** A load failure in plain words, with a big retry button. */
export function FamilyError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useT();
  const { pick } = useLocale();
  return (
    <div className="family-message" role="alert">
      <p style={{ margin: 0 }}>{isApiError(error) ? pick(error.messages) : t('family.loadFailed')}</p>
      <Button className="family-button" onClick={onRetry}>
        {t('app.retry')}
      </Button>
    </div>
  );
}
