import {
  EnvironmentOutlined,
  LoginOutlined,
  SafetyCertificateOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Button, Empty, Input, Pagination, Select, Skeleton, Tabs, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../api/client';
import { FILED_FACILITY_TYPES, type FacilityType } from '../filing/api';
import { optionLabel } from '../filing/fieldSpec';
import { LanguageSwitch, useLocale, useT, type Translate } from '../i18n';
import { AppLogo } from '../layout/AppLogo';
import { queryString } from '../people/shared/http';
import { useApi } from '../people/shared/useApi';
import {
  FEE_KEYS,
  type PublicCounty,
  type PublicNotice,
  type PublicProvider,
  type PublicRegister,
} from './api';
import './public.css';

const PAGE_SIZE = 12;

/** The counties of the served regions, from the public endpoint (no login needed). */
function useCounties(): PublicCounty[] {
  const [counties, setCounties] = useState<PublicCounty[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api.get<{ counties: PublicCounty[] }>('/api/public/counties', { signal: controller.signal }).then(
      (result) => setCounties(result.counties),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return counties;
}

function capacity(provider: PublicProvider, t: Translate): string | null {
  if (provider.beds)
    return t('public.beds', { total: provider.beds.total, nursing: provider.beds.nursingType });
  if (provider.places) return t('public.places', { total: provider.places.total });
  return null;
}

function ProviderCard({ provider }: { provider: PublicProvider }) {
  const t = useT();
  const fees = FEE_KEYS.filter((key) => provider.fees[key]);
  const cap = capacity(provider, t);
  return (
    <article className="public-card" data-testid="public-provider" data-filing-number={provider.filingNumber}>
      <div className="public-card-tags">
        <Tag color={provider.domain === 'elderly_care' ? 'volcano' : 'green'}>
          {t(`filing.facilityType.${provider.type}`)}
        </Tag>
        {provider.ownership && <Tag>{optionLabel(t, 'ownership', provider.ownership)}</Tag>}
        {provider.inclusive && <Tag color="blue">{t('public.inclusive')}</Tag>}
        {provider.grade !== null && <Tag color="gold">{t('public.grade', { grade: provider.grade })}</Tag>}
      </div>
      <h3 className="public-card-name">{provider.name}</h3>
      <p className="public-card-line">
        <EnvironmentOutlined /> {provider.regionName} · {provider.address}
      </p>
      <dl className="public-card-facts">
        <div>
          <dt>{t('public.filingNumber')}</dt>
          <dd>{provider.filingNumber}</dd>
        </div>
        <div>
          <dt>{t('public.filedOn')}</dt>
          <dd>
            {provider.filedOn}
            {provider.updatedOn !== provider.filedOn &&
              ` (${t('public.updatedOn', { date: provider.updatedOn })})`}
          </dd>
        </div>
        {cap && (
          <div>
            <dt>{t('public.capacity')}</dt>
            <dd>{cap}</dd>
          </div>
        )}
        {provider.services.length > 0 && (
          <div>
            <dt>{t('public.services')}</dt>
            <dd>
              {provider.services
                .map((service) =>
                  ['full_day', 'half_day', 'hourly', 'temporary'].includes(service)
                    ? optionLabel(t, 'services', service)
                    : service,
                )
                .join(t('filing.listSeparator'))}
            </dd>
          </div>
        )}
        {fees.length > 0 && (
          <div>
            <dt>{t('public.fees')}</dt>
            <dd>
              {fees
                .map((key) =>
                  t('public.fee', {
                    label: t(`public.feeKey.${key}`),
                    min: provider.fees[key].min.toLocaleString(),
                    max: provider.fees[key].max.toLocaleString(),
                  }),
                )
                .join(t('public.feeSeparator'))}
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}

function NoticeItem({ notice, countyName }: { notice: PublicNotice; countyName: string | undefined }) {
  const t = useT();
  return (
    <article className="public-card public-notice" data-testid="public-notice">
      <div className="public-card-tags">
        <Tag color="red" icon={<WarningOutlined />}>
          {t(`public.noticeAction.${notice.action}`)}
        </Tag>
        <Tag>{t(`filing.facilityType.${notice.type}`)}</Tag>
        <span className="public-muted">{notice.on}</span>
      </div>
      <h3 className="public-card-name">{notice.name}</h3>
      {countyName && <p className="public-card-line">{countyName}</p>}
      <p className="public-reasons">
        <strong>{t('public.reasons')}</strong>
        {notice.reasons}
      </p>
    </article>
  );
}

/** 已备案机构公示: the public register of filed care homes and childcare providers, and published notices. */
export default function PublicFilingsPage() {
  const t = useT();
  const { pick } = useLocale();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = (params.get('type') as FacilityType | null) ?? undefined;
  const region = params.get('region') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const tab = params.get('tab') === 'notices' ? 'notices' : 'providers';
  const [search, setSearch] = useState(q);
  const counties = useCounties();
  const countyNames = useMemo(
    () => new Map(counties.map((county) => [county.code, county.name])),
    [counties],
  );
  const { data, error, loading, reload } = useApi<PublicRegister>(
    `/api/public/filings${queryString({ q: q || undefined, type, region, page, pageSize: PAGE_SIZE })}`,
  );

  useEffect(() => setSearch(q), [q]);

  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });

  useEffect(() => {
    document.title = `${t('public.title')} · laoyou 老幼`;
  }, [t]);

  const providers = data?.providers ?? [];
  const notices = data?.notices ?? [];

  return (
    <div className="public-page" data-testid="public-filings-page">
      <header className="public-topbar">
        <Link to="/public/filings" className="public-brand">
          <AppLogo size={32} />
          <span>{t('app.productName')}</span>
        </Link>
        <div className="public-topbar-actions">
          <LanguageSwitch />
          <Link to="/login">
            <Button type="link" icon={<LoginOutlined />}>
              {t('public.login')}
            </Button>
          </Link>
        </div>
      </header>
      <main className="public-main">
        <section className="public-hero">
          <h1 data-testid="public-title">
            <SafetyCertificateOutlined /> {t('public.title')}
          </h1>
          <p>{t('public.lead')}</p>
        </section>
        <section className="public-filters" aria-label={t('public.filters')}>
          <Input.Search
            allowClear
            size="large"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onSearch={(value) => update({ q: value.trim().slice(0, 50) || null })}
            placeholder={t('public.searchPlaceholder')}
            enterButton={t('public.search')}
            maxLength={50}
            aria-label={t('public.searchPlaceholder')}
            data-testid="public-search"
            className="public-search"
          />
          <Select<FacilityType>
            allowClear
            size="large"
            value={type}
            placeholder={t('public.allTypes')}
            onChange={(value) => update({ type: value ?? null })}
            options={FILED_FACILITY_TYPES.map((value) => ({
              value,
              label: t(`filing.facilityType.${value}`),
            }))}
            aria-label={t('public.type')}
            data-testid="public-type"
            className="public-select"
          />
          <Select<string>
            allowClear
            size="large"
            value={region}
            placeholder={t('public.allCounties')}
            onChange={(value) => update({ region: value ?? null })}
            options={counties.map((county) => ({ value: county.code, label: county.name }))}
            aria-label={t('public.county')}
            data-testid="public-county"
            className="public-select"
            notFoundContent={t('public.noCounties')}
          />
        </section>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={isApiError(error) ? pick(error.messages) : error.message}
            action={<Button onClick={reload}>{t('app.retry')}</Button>}
          />
        )}
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'notices' ? 'notices' : null, page: null })}
          items={[
            {
              key: 'providers',
              label: data ? t('public.providersTab', { count: data.total }) : t('public.providersTabPlain'),
              children: (
                <div aria-busy={loading}>
                  {!data && !error && <Skeleton active paragraph={{ rows: 6 }} />}
                  {data && providers.length === 0 && <Empty description={t('public.noProviders')} />}
                  <div className="public-grid" data-testid="public-providers">
                    {providers.map((provider) => (
                      <ProviderCard key={provider.filingNumber} provider={provider} />
                    ))}
                  </div>
                  {data && data.total > PAGE_SIZE && (
                    <Pagination
                      className="public-pagination"
                      current={page}
                      pageSize={PAGE_SIZE}
                      total={data.total}
                      showSizeChanger={false}
                      onChange={(next) => update({ page: String(next) })}
                    />
                  )}
                </div>
              ),
            },
            {
              key: 'notices',
              label: data ? t('public.noticesTab', { count: notices.length }) : t('public.noticesTabPlain'),
              children: (
                <div data-testid="public-notices">
                  <p className="public-muted">{t('public.noticesLead')}</p>
                  {data && notices.length === 0 && <Empty description={t('public.noNotices')} />}
                  <div className="public-grid">
                    {notices.map((notice) => (
                      <NoticeItem
                        key={`${notice.filingId}-${notice.on}-${notice.action}`}
                        notice={notice}
                        countyName={countyNames.get(notice.regionCode.slice(0, 6))}
                      />
                    ))}
                  </div>
                </div>
              ),
            },
          ]}
        />
      </main>
      <footer className="public-footer">{t('public.footer')}</footer>
    </div>
  );
}
