import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildUnitTree } from '../modules/org/unit-tree';
import type { UnitNode } from '../modules/org/unit-tree';
import { useUnits } from '../hooks/use-units';

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

const toOptions = (nodes: UnitNode[], allowInactive: boolean): TreeOption[] =>
  nodes.map((n) => ({
    value: n.unit.id,
    title: n.unit.name,
    disabled: !allowInactive && !n.unit.active,
    children: toOptions(n.children, allowInactive),
  }));

type Props = Omit<TreeSelectProps<string>, 'treeData'> & { allowInactive?: boolean };

/** Picks one unit from the organisation tree the caller can see. */
export function UnitTreeSelect({ allowInactive = false, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const { units, isLoading } = useUnits(allowInactive);
  const treeData = useMemo(() => toOptions(buildUnitTree(units), allowInactive), [units, allowInactive]);
  return (
    <TreeSelect<string>
      showSearch
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      loading={isLoading}
      treeData={treeData}
      placeholder={placeholder ?? t('common.selectUnit')}
      style={{ minWidth: 200 }}
      {...rest}
    />
  );
}
