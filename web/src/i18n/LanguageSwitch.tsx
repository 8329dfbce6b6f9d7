import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import type { Locale } from '../api/types';
import { useLocale, useT } from './context';
import { LOCALES } from './I18nProvider';

const LABELS: Record<Locale, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** Dropdown showing the current language ("中文" / "English"); picking the other one switches immediately. */
export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((value) => ({
          key: value,
          label: (
            <span data-testid={`language-option-${value}`} lang={value}>
              {LABELS[value]}
            </span>
          ),
        })),
        onClick: ({ key }) => setLocale(key as Locale),
      }}
    >
      <Button
        type={type}
        data-testid="language-switch"
        aria-label={t('language.label')}
        title={t('language.label')}
      >
        <GlobalOutlined />
        <span lang={locale}>{LABELS[locale]}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
