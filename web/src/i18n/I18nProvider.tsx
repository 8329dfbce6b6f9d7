import { ConfigProvider, type ThemeConfig } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale, LocalizedText } from '../api/types';
import { I18nContext, type I18nContextValue, type MessageKey, type TranslateVars } from './context';
import enUS from './messages/en-US';
import zhCN, { type Messages } from './messages/zh-CN';

export const LOCALE_STORAGE_KEY = 'laoyou.locale';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
const ANTD_LOCALES = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // localStorage can be unavailable (privacy mode); fall back to the default.
  }
  return DEFAULT_LOCALE;
}

function applyLocale(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALES[locale]);
  document.documentElement.lang = locale;
}

function format(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

const initialLocale = readStoredLocale();
applyLocale(initialLocale);

export function I18nProvider({ children, theme }: { children: ReactNode; theme?: ThemeConfig }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    applyLocale(locale);
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not persisted, but still switch for this page view.
    }
    applyLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nContextValue>(() => {
    const messages = MESSAGES[locale];
    return {
      locale,
      setLocale,
      t: (key: MessageKey, vars?: TranslateVars) => format(messages[key] ?? key, vars),
      pick: (text: LocalizedText) => text[locale] || text[DEFAULT_LOCALE] || '',
    };
  }, [locale, setLocale]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={ANTD_LOCALES[locale]} theme={theme}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
