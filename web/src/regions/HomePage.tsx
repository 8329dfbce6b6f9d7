import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Result,
  Row,
  Skeleton,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { isVisitWorker } from '../visits/sections';
import { isApiError } from '../api/client';
import type { RegionSummary } from '../api/types';
import { useLocale, useT } from '../i18n';
import { fetchSummary } from './api';
import { COUNTED_LEVELS, countedLevelsBelow, LEVEL_COLORS, levelRank, type CountedLevel } from './labels';
import { useRegionHref, useRegionScope, useSelectedRegion } from './scope';
import './regions.css';

type ChildRow = RegionSummary['children'][number];

const STAT_STYLE: Record<CountedLevel, { icon: ReactNode; color: string; background: string }> = {
  city: { icon: <BankOutlined />, color: '#1f6feb', background: '#e8f1ff' },
  county: { icon: <ApartmentOutlined />, color: '#0e8f8f', background: '#e3f6f5' },
  township: { icon: <EnvironmentOutlined />, color: '#2f9e44', background: '#e9f7ec' },
  village: { icon: <HomeOutlined />, color: '#d9822b', background: '#fff3e3' },
};

function useSummary(code: string | null) {
  const [state, setState] = useState<{
    code: string | null;
    data: RegionSummary | null;
    error: Error | null;
  }>({
    code: null,
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!code) return;
    const controller = new AbortController();
    fetchSummary(code, controller.signal).then(
      (data) => setState({ code, data, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ code, data: null, error: error as Error });
      },
    );
    return () => controller.abort();
  }, [code, attempt]);

  const loading = !!code && state.code !== code;
  // While another region loads, keep showing the previous one (dimmed) instead of flashing a skeleton.
  return {
    data: state.data,
    error: loading ? null : state.error,
    loading,
    retry: () => {
      setState((prev) => ({ ...prev, code: null }));
      setAttempt((n) => n + 1);
    },
  };
}

/**
 * The landing page: a family member's home is their family page, a community worker's this week's visits,
 * everyone else's the region overview.
 */
export default function HomePage() {
  const me = useMe();
  if (me.principalType === 'family') return <Navigate to="/family" replace />;
  if (isVisitWorker(me)) return <Navigate to="/my-visits" replace />;
  return <RegionOverview />;
}

function RegionOverview() {
  const t = useT();
  const { pick } = useLocale();
  const { roots, error: rootsError } = useRegionScope();
  const { code, select } = useSelectedRegion();
  const regionHref = useRegionHref();
  const { data, error, loading, retry } = useSummary(code);

  if (rootsError) {
    return (
      <Result
        status="warning"
        title={t('regions.loadFailed')}
        subTitle={isApiError(rootsError) ? pick(rootsError.messages) : rootsError.message}
      />
    );
  }
  if (roots && roots.length === 0) {
    return <Empty style={{ marginTop: 96 }} description={t('home.noRegion')} />;
  }
  if (error) {
    return (
      <Result
        status={isApiError(error) && error.status === 404 ? '404' : 'warning'}
        title={t('regions.loadFailed')}
        subTitle={isApiError(error) ? pick(error.messages) : error.message}
        extra={
          <Button type="primary" onClick={retry}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  if (!data) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const { region, countsByLevel, children } = data;
  const rootCodes = new Set((roots ?? []).map((root) => root.code));
  const scopeStart = region.path.findIndex((item) => rootCodes.has(item.code));
  const regionRank = levelRank(region.level);

  const childLevel = children[0]?.level;
  const childCountLevels = childLevel ? countedLevelsBelow(childLevel) : [];
  const columns: TableColumnsType<ChildRow> = [
    {
      title: t('table.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Link to={regionHref(row.code)} data-testid={`child-link-${row.code}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('table.code'),
      dataIndex: 'code',
      key: 'code',
      render: (value: string) => <Typography.Text type="secondary">{value}</Typography.Text>,
    },
    {
      title: t('table.level'),
      dataIndex: 'level',
      key: 'level',
      render: (_value, row) => (
        <>
          <Tag color={LEVEL_COLORS[row.level]}>{t(`level.${row.level}`)}</Tag>
          {row.townshipType && (
            <Typography.Text type="secondary">{t(`townshipType.${row.townshipType}`)}</Typography.Text>
          )}
        </>
      ),
    },
    ...childCountLevels
      .filter((level): level is Exclude<CountedLevel, 'city'> => level !== 'city')
      .map((level): TableColumnsType<ChildRow>[number] => ({
        title: t(`levelCount.${level}`),
        key: `count-${level}`,
        align: 'right',
        render: (_value, row) => row.countsByLevel[level].toLocaleString(),
        sorter: (a, b) => a.countsByLevel[level] - b.countsByLevel[level],
      })),
  ];

  return (
    <Spin spinning={loading} delay={150}>
      <div data-testid="region-home" data-region-code={region.code} aria-busy={loading}>
        <Breadcrumb
          data-testid="region-breadcrumb"
          items={region.path.map((item, index) => {
            const isCurrent = index === region.path.length - 1;
            const inScope = scopeStart >= 0 && index >= scopeStart;
            if (isCurrent || !inScope) return { key: item.code, title: item.name };
            return {
              key: item.code,
              title: item.name,
              href: regionHref(item.code),
              onClick: (event: MouseEvent) => {
                if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                select(item.code);
              },
            };
          })}
        />
        <div className="region-home-header">
          <Typography.Title level={2} data-testid="region-title">
            {region.name}
          </Typography.Title>
          <Tag color={LEVEL_COLORS[region.level]}>{t(`level.${region.level}`)}</Tag>
          <Typography.Text type="secondary">
            {t('home.code')} {region.code}
          </Typography.Text>
        </div>

        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('home.descendants')}{' '}
          <Tooltip title={t('home.descendantsHint')}>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', cursor: 'help' }}>
              ⓘ
            </Typography.Text>
          </Tooltip>
        </Typography.Title>
        <Row gutter={[16, 16]} style={{ marginBottom: 20 }}>
          {COUNTED_LEVELS.map((level) => {
            const applicable = levelRank(level) > regionRank;
            const style = STAT_STYLE[level];
            return (
              <Col key={level} xs={12} lg={6}>
                <Card
                  className={`region-stat-card${applicable ? '' : ' is-muted'}`}
                  data-testid={`level-count-${level}`}
                  data-count={countsByLevel[level]}
                >
                  <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
                    <span
                      className="region-stat-icon"
                      style={{ color: style.color, background: style.background }}
                    >
                      {style.icon}
                    </span>
                    <Statistic
                      title={t(`levelCount.${level}`)}
                      value={countsByLevel[level]}
                      suffix={t('home.unit') || undefined}
                      valueStyle={{ fontWeight: 600 }}
                    />
                  </div>
                </Card>
              </Col>
            );
          })}
        </Row>

        <Card
          title={t('home.children')}
          extra={
            children.length > 0 ? (
              <Typography.Text type="secondary">
                {t('home.childrenCount', { count: children.length })}
              </Typography.Text>
            ) : null
          }
          styles={{ body: { paddingTop: children.length > 0 ? 0 : undefined } }}
        >
          {children.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noChildren')} />
          ) : (
            <Table<ChildRow>
              data-testid="region-children"
              rowKey="code"
              size="middle"
              columns={columns}
              dataSource={children}
              pagination={{
                pageSize: 10,
                hideOnSinglePage: true,
                showSizeChanger: false,
                showTotal: (total) => t('table.total', { total }),
              }}
            />
          )}
        </Card>
      </div>
    </Spin>
  );
}
