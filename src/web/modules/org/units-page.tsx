import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Space, Spin, Switch, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { useUnits } from '../../hooks/use-units';
import { ListExportButton } from '../../components/list-export-button';
import { UnitKindTag } from '../../components/unit-kind-tag';
import { buildUnitTree, flattenTree } from './unit-tree';
import type { UnitNode } from './unit-tree';
import { UnitDetails } from './unit-details';
import { UnitFormModal } from './unit-form-modal';
import type { UnitFormTarget } from './unit-form-modal';

export function UnitsPage() {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.unitsManage);
  const [showInactive, setShowInactive] = useState(false);
  const { units, isLoading } = useUnits(showInactive);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);

  const roots = useMemo(() => buildUnitTree(units), [units]);
  const ordered = useMemo(() => flattenTree(roots), [roots]);
  const unitsById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const selected = (selectedId ? unitsById.get(selectedId) : undefined) ?? ordered[0];

  const toTreeData = (nodes: UnitNode[]): TreeDataNode[] =>
    nodes.map((n) => ({
      key: n.unit.id,
      title: (
        <Space size={4}>
          <UnitKindTag kind={n.unit.kind} />
          <Typography.Text delete={!n.unit.active}>{n.unit.name}</Typography.Text>
          {n.unit.code && <Typography.Text type="secondary">{n.unit.code}</Typography.Text>}
          {!n.unit.active && <Tag>{t('units.inactive')}</Tag>}
        </Space>
      ),
      children: toTreeData(n.children),
    }));

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card
          title={t('units.title')}
          extra={
            <Space>
              <Switch size="small" checked={showInactive} onChange={setShowInactive} />
              <Typography.Text>{t('units.showInactive')}</Typography.Text>
              <ListExportButton
                path="/api/v1/units/export.xlsx"
                filters={{ includeInactive: showInactive ? 'true' : undefined }}
                filename={t('units.title')}
              />
            </Space>
          }
        >
          {isLoading ? (
            <Spin />
          ) : roots.length === 0 ? (
            <Empty description={t('units.empty')}>
              {canManage && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setFormTarget({ mode: 'create', parent: null })}
                >
                  {t('units.addChild')}
                </Button>
              )}
            </Empty>
          ) : (
            <Tree
              data-testid="unit-tree"
              blockNode
              defaultExpandAll
              showLine
              key={`${units.length}-${showInactive}`}
              treeData={toTreeData(roots)}
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(keys) => {
                const key = keys[0];
                if (key !== undefined) setSelectedId(String(key));
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={selected?.name ?? t('units.title')}>
          {selected ? (
            <UnitDetails
              unit={selected}
              unitsById={unitsById}
              canManage={canManage}
              onAddChild={() => setFormTarget({ mode: 'create', parent: selected })}
              onRename={() => setFormTarget({ mode: 'edit', unit: selected })}
            />
          ) : (
            <Empty description={t('units.selectHint')} />
          )}
        </Card>
      </Col>
      <UnitFormModal
        target={formTarget}
        onClose={(saved) => {
          setFormTarget(null);
          if (saved) setSelectedId(saved.id);
        }}
      />
    </Row>
  );
}
