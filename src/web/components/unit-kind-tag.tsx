import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitKind } from '../api/types';

const COLORS: Record<UnitKind, string> = {
  headquarters: 'red',
  region: 'orange',
  store: 'blue',
  department: 'green',
};

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[kind]}>{t(`unitKind.${kind}`)}</Tag>;
}
