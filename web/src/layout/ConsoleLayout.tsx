import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { App, Avatar, Button, Divider, Grid, Space, Tooltip } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMe, useSession } from '../auth/session';
import { LanguageSwitch, useT } from '../i18n';
import { RegionScopeProvider } from '../regions/RegionScopeProvider';
import { RegionTree } from '../regions/RegionTree';
import { AppLogo } from './AppLogo';
import { FullPageSpin } from './FullPageSpin';
import { UserScope } from './UserScope';
import { SECTIONS } from '../sections';
import './layout.css';

function HeaderActions() {
  const t = useT();
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const onLogout = async () => {
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch {
      void message.error(t('header.logoutFailed'));
    }
  };

  // On a phone the header has room for the language and log-out only: the scope tags and the name would push
  // log-out off the screen (the name stays in the avatar's tooltip).
  const compact = !Grid.useBreakpoint().md;
  const user = (
    <span className="console-user" data-testid="user-name" title={`${me.displayName} (${me.username})`}>
      <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1f6feb', flex: 'none' }} />
      {!compact && <span className="console-user-name">{me.displayName}</span>}
    </span>
  );

  return (
    <Space size={compact ? 4 : 12} align="center" className="console-header-actions">
      {!compact && <UserScope me={me} />}
      {!compact && <Divider type="vertical" style={{ marginInline: 0 }} />}
      {compact ? <Tooltip title={me.displayName}>{user}</Tooltip> : user}
      <LanguageSwitch />
      <Tooltip title={t('header.logout')}>
        <Button
          type="text"
          icon={<LogoutOutlined />}
          onClick={() => void onLogout()}
          aria-label={t('header.logout')}
          data-testid="logout"
        >
          {!compact && t('header.logout')}
        </Button>
      </Tooltip>
    </Space>
  );
}

/** The signed-in console: ProLayout shell with the region tree in the sider and the page in the content area. */
export default function ConsoleLayout() {
  const t = useT();
  const me = useMe();
  const location = useLocation();
  const menu = SECTIONS.filter((section) => section.visible(me)).map((section) => ({
    path: section.path,
    name: t(section.labelKey),
    icon: section.icon,
  }));
  // The menu entry whose path is the longest prefix of the current page stays highlighted on detail pages.
  const selected =
    menu
      .map((entry) => entry.path)
      .filter((path) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path)))
      .sort((a, b) => b.length - a.length)[0] ?? '/';

  return (
    <RegionScopeProvider>
      <ProLayout
        className="console-layout"
        layout="mix"
        fixedHeader
        fixSiderbar
        siderWidth={280}
        title={t('app.title')}
        logo={<AppLogo size={30} />}
        location={{ pathname: selected }}
        route={{
          path: '/',
          routes: menu,
        }}
        menu={{ locale: false }}
        onMenuHeaderClick={() => undefined}
        menuItemRender={(item, dom) => <Link to={`${item.path ?? '/'}${location.search}`}>{dom}</Link>}
        menuContentRender={(props, defaultDom) => (
          <div className="console-sider-content">
            {defaultDom}
            {!props.collapsed && (
              <section className="console-sider-regions" aria-label={t('regions.treeTitle')}>
                <div className="console-sider-heading">{t('regions.treeTitle')}</div>
                <RegionTree />
              </section>
            )}
          </div>
        )}
        actionsRender={() => [<HeaderActions key="actions" />]}
        token={{
          header: { colorBgHeader: '#ffffff', heightLayoutHeader: 56 },
          sider: { colorMenuBackground: '#ffffff' },
          pageContainer: { paddingBlockPageContainerContent: 20, paddingInlinePageContainerContent: 24 },
        }}
        contentStyle={{ padding: '20px 24px 32px' }}
      >
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </ProLayout>
    </RegionScopeProvider>
  );
}
