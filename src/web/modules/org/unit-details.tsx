import { Button, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, patch } from '../../api/client';
import { effectiveBusinessType, type UnitContactView } from '../../../shared/org';
import type { Unit } from '../../api/types';
import { UnitKindTag } from '../../components/unit-kind-tag';
import { UNITS_KEY } from '../../hooks/use-units';
import { notifySuccess } from '../../lib/notify';
import { childKinds } from './unit-tree';

interface Props {
  unit: Unit;
  unitsById: Map<string, Unit>;
  canManage: boolean;
  onAddChild: () => void;
  onRename: () => void;
}

/** A customer-facing field: the unit's own value, or what it shows from above (marked), or not set. */
function ContactValue({
  own,
  shown,
  from,
}: {
  own: string | null;
  shown: string | null | undefined;
  from: string;
}) {
  const { t } = useTranslation();
  if (own) return <>{own}</>;
  if (!shown) return <Typography.Text type="secondary">{t('units.notSet')}</Typography.Text>;
  return (
    <Space size={4}>
      {shown}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {from ? t('units.departmentFacing', { unit: from }) : t('units.inheritedShort')}
      </Typography.Text>
    </Space>
  );
}

export function UnitDetails({ unit, unitsById, canManage, onAddChild, onRename }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setActive = useMutation({
    mutationFn: (active: boolean) => patch<Unit>(`/api/v1/units/${unit.id}`, { active }),
    onSuccess: async (saved) => {
      notifySuccess(saved.active ? t('units.activated') : t('units.deactivated'));
      await queryClient.invalidateQueries({ queryKey: [UNITS_KEY] });
    },
  });
  // What customers see for this unit, with what it takes from the units above (the server decides).
  const contact = useQuery({
    queryKey: [UNITS_KEY, 'contact', unit.id, unit.displayName, unit.address, unit.servicePhone],
    queryFn: ({ signal }) => get<UnitContactView>(`/api/v1/units/${unit.id}/contact`, undefined, signal),
  });
  const from = unit.kind === 'department' ? (unitsById.get(contact.data?.unitId ?? '')?.name ?? '') : '';
  // SAT-1: its own business type, or the nearest one above it.
  const business = effectiveBusinessType(
    [...unit.path].reverse().map((id) => ({ businessType: unitsById.get(id)?.businessType ?? null })),
  );
  const pathNames = unit.path.map((id) => unitsById.get(id)?.name ?? '…').join(' / ');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('units.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('units.kind')}>
          <UnitKindTag kind={unit.kind} />
        </Descriptions.Item>
        <Descriptions.Item label={t('units.code')}>{unit.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('units.parent')}>
          {unit.parentId ? (unitsById.get(unit.parentId)?.name ?? '—') : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('units.path')}>{pathNames || unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('units.timezone')}>{unit.timezone}</Descriptions.Item>
        <Descriptions.Item label={t('units.businessType')}>
          <span data-testid="unit-business-type-shown">
            {t(`units.businessTypes.${business}`)}
            {!unit.businessType && (
              <Typography.Text type="secondary"> {t('units.inheritedShort')}</Typography.Text>
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('units.displayName')}>
          <ContactValue own={unit.displayName} shown={contact.data?.name} from={from} />
        </Descriptions.Item>
        <Descriptions.Item label={t('units.address')}>
          <ContactValue own={unit.address} shown={contact.data?.address} from={from} />
        </Descriptions.Item>
        <Descriptions.Item label={t('units.servicePhone')}>
          <span data-testid="unit-contact-phone">
            <ContactValue own={unit.servicePhone} shown={contact.data?.servicePhone} from={from} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          {unit.active ? <Tag color="success">{t('units.active')}</Tag> : <Tag>{t('units.inactive')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      {canManage && (
        <Space wrap>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={onAddChild}
            disabled={!unit.active || childKinds(unit.kind).length === 0}
          >
            {t('units.addChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={onRename}>
            {t('units.rename')}
          </Button>
          {unit.active ? (
            <Popconfirm
              title={t('units.deactivateConfirm', { name: unit.name })}
              onConfirm={() => setActive.mutate(false)}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
            >
              <Button danger icon={<StopOutlined />} loading={setActive.isPending}>
                {t('units.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              icon={<CheckCircleOutlined />}
              loading={setActive.isPending}
              onClick={() => setActive.mutate(true)}
            >
              {t('units.activate')}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
