import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUnit } from './current-unit';

/** Shown only to people who belong to more than one unit. */
export function UnitSwitcher() {
  const { t } = useTranslation();
  const { unitId, setUnitId, myUnits } = useCurrentUnit();
  if (myUnits.length < 2) return null;
  return (
    <Space size={4}>
      <Typography.Text type="secondary">{t('header.currentUnit')}</Typography.Text>
      <Select
        data-testid="unit-switcher"
        value={unitId}
        onChange={setUnitId}
        style={{ minWidth: 160 }}
        options={myUnits.map((u) => ({ value: u.id, label: u.name }))}
        aria-label={t('header.currentUnit')}
      />
    </Space>
  );
}
