import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ContactLog } from './contact-log';

/** 来电来访记录: every call, visit and letter (IN-2), with the letter register as a tab (IN-8). */
export function ContactsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'letters' ? 'letters' : 'log';
  return (
    <Card title={t('contacts.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'letters' ? { tab: 'letters' } : {}, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'log', label: t('contacts.tabLog'), children: <ContactLog letters={false} /> },
          { key: 'letters', label: t('contacts.tabLetters'), children: <ContactLog letters /> },
        ]}
      />
    </Card>
  );
}
