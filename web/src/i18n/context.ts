import { createContext, useContext } from 'react';
import type { Locale, LocalizedText } from '../api/types';
import type { MessageKey } from './messages/zh-CN';

export type { MessageKey };
export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

export interface I18nContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Picks the current locale's text out of a server-provided `{ "zh-CN", "en-US" }` message. */
  pick: (text: LocalizedText) => string;
}

export const I18nContext = createContext<I18nContextValue | null>(null);

function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT()/useLocale() must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current locale: `t('login.submit')`, `t('table.total', { total: 3 })`. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): Pick<I18nContextValue, 'locale' | 'setLocale' | 'pick'> {
  const { locale, setLocale, pick } = useI18n();
  return { locale, setLocale, pick };
}
