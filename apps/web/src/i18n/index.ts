import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { customersStrings } from '../customers/strings.ts';
import { designerStrings } from '../designer/strings.ts';
import { inboxStrings } from '../inbox/strings.ts';
import { dashboardsStrings } from '../dashboards/strings.ts';
import { journeysStrings } from '../journeys/strings.ts';
import { settingsStrings } from '../settings/strings.ts';
import { setupStrings } from '../setup/strings.ts';
import { inviteStrings } from '../invite/strings.ts';
import { onboardingStrings } from '../onboarding/strings.ts';
import { importsStrings } from '../imports/strings.ts';
import { channelCodesStrings } from '../channel-codes/strings.ts';
import { groupSendStrings } from '../inbox/group-send-strings.ts';
import { sidebarStrings } from '../sidebar/strings.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'sopline.lang';

/** The saved choice, else the browser's language: Chinese for any zh-*, English otherwise. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18n.use(initReactI18next).init({
  // Each feature folder brings its own strings under its own key, in both languages.
  resources: {
    'zh-CN': { translation: { ...zhCN, journeys: journeysStrings['zh-CN'], designer: designerStrings['zh-CN'], inbox: inboxStrings['zh-CN'], dashboards: dashboardsStrings['zh-CN'], customers: customersStrings['zh-CN'], settings: settingsStrings['zh-CN'], setup: setupStrings['zh-CN'], invite: inviteStrings['zh-CN'], onboarding: onboardingStrings['zh-CN'], imports: importsStrings['zh-CN'], channelCodes: channelCodesStrings['zh-CN'], groupSend: groupSendStrings['zh-CN'], sidebar: sidebarStrings['zh-CN'] } },
    en: { translation: { ...en, journeys: journeysStrings.en, designer: designerStrings.en, inbox: inboxStrings.en, dashboards: dashboardsStrings.en, customers: customersStrings.en, settings: settingsStrings.en, setup: setupStrings.en, invite: inviteStrings.en, onboarding: onboardingStrings.en, imports: importsStrings.en, channelCodes: channelCodesStrings.en, groupSend: groupSendStrings.en, sidebar: sidebarStrings.en } },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export { i18n };
