import { Popover, Space, Tag, Typography } from 'antd';
import type { Me, RoleAssignment } from '../api/types';
import { useT, type Translate } from '../i18n';

const DOMAIN_COLORS: Record<NonNullable<RoleAssignment['domain']>, string> = {
  elderly_care: 'volcano',
  childcare: 'green',
  planning: 'geekblue',
};

/** "经办人员 · 淮北市 · 养老" — role name, region name and domain of one role assignment. */
export function describeRole(role: RoleAssignment, t: Translate): string {
  const parts = [t(`role.${role.role}`)];
  if (role.regionName) parts.push(role.regionName);
  if (role.domain) parts.push(t(`domain.${role.domain}`));
  return parts.join(' · ');
}

function RoleTag({ role }: { role: RoleAssignment }) {
  const t = useT();
  return (
    <Tag
      color={role.domain ? DOMAIN_COLORS[role.domain] : 'default'}
      style={{ marginInlineEnd: 0 }}
      data-testid="user-scope-role"
    >
      {describeRole(role, t)}
    </Tag>
  );
}

const MAX_INLINE_ROLES = 2;

/** The user's scope in the header: one tag per role, collapsing extra roles into a "+N" popover. */
export function UserScope({ me }: { me: Me }) {
  const t = useT();
  const inline = me.roles.slice(0, MAX_INLINE_ROLES);
  const rest = me.roles.slice(MAX_INLINE_ROLES);
  return (
    <Space size={6} data-testid="user-scope" aria-label={t('header.scope')} wrap={false}>
      {me.roles.length === 0 && <Typography.Text type="secondary">{t('header.noScope')}</Typography.Text>}
      {inline.map((role, index) => (
        <RoleTag key={index} role={role} />
      ))}
      {rest.length > 0 && (
        <Popover
          title={t('header.allScopes')}
          content={
            <Space direction="vertical" size={6}>
              {me.roles.map((role, index) => (
                <RoleTag key={index} role={role} />
              ))}
            </Space>
          }
        >
          <Tag style={{ cursor: 'pointer', marginInlineEnd: 0 }}>+{rest.length}</Tag>
        </Popover>
      )}
    </Space>
  );
}
