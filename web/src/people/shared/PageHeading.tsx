import { EnvironmentOutlined } from '@ant-design/icons';
import { Breadcrumb, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { RegionName } from './regionNames';
import './registry.css';

/** Title row of a registry page: breadcrumb (for detail pages), title, the region it is about, actions. */
export function PageHeading({
  title,
  region,
  extra,
  crumbs,
  tags,
  testId,
}: {
  title: ReactNode;
  region?: string | null;
  extra?: ReactNode;
  crumbs?: { label: ReactNode; to: string }[];
  tags?: ReactNode;
  testId?: string;
}) {
  const location = useLocation();
  return (
    <>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[
            ...crumbs.map((crumb, index) => ({
              key: index,
              title: <Link to={`${crumb.to}${location.search}`}>{crumb.label}</Link>,
            })),
            { key: 'current', title },
          ]}
        />
      )}
      <div className="registry-heading">
        <Typography.Title level={3} data-testid={testId}>
          {title}
        </Typography.Title>
        {region && (
          <Tag icon={<EnvironmentOutlined />} color="blue" data-testid="page-region">
            <RegionName code={region} />
          </Tag>
        )}
        {tags}
        {extra && <div className="registry-heading-extra">{extra}</div>}
      </div>
    </>
  );
}
