import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';
import type { Language } from '../i18n';

const LABELS: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' };

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('header.language')}
      size="small"
      value={currentLanguage()}
      onChange={(lng) => void setLanguage(lng)}
      options={(Object.keys(LABELS) as Language[]).map((lng) => ({ value: lng, label: LABELS[lng] }))}
    />
  );
}
