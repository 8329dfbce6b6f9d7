export { useLocale, useT, type MessageKey, type Translate } from './context';
export { DEFAULT_LOCALE, I18nProvider, LOCALE_STORAGE_KEY, LOCALES } from './I18nProvider';
export { LanguageSwitch } from './LanguageSwitch';
