import { Alert, Segmented, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { ItemList } from '../../api/types';
import { UserSelect } from '../../components/user-select';
import { useUnits } from '../../hooks/use-units';

export type AssignTo = 'user' | 'team' | 'department';

/** The body field `/assign` and `/tickets/bulk/assign` expect for each kind of assignee. */
export const ASSIGN_FIELD: Record<AssignTo, 'userId' | 'teamId' | 'departmentId'> = {
  user: 'userId',
  team: 'teamId',
  department: 'departmentId',
};

/**
 * Picks who takes tickets: a person, a team of `unitId`'s line (CL-4) or a responsible department
 * (CL-3). Shared by the detail page's assign dialog and the list's bulk assign.
 */
export function AssignTargetPicker({
  unitId,
  to,
  onToChange,
  target,
  onTargetChange,
}: {
  unitId: string | undefined;
  to: AssignTo;
  onToChange: (to: AssignTo) => void;
  target: string | undefined;
  onTargetChange: (target: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const { units } = useUnits();
  const teams = useQuery({
    queryKey: ['teams', unitId],
    queryFn: ({ signal }) =>
      get<ItemList<{ id: string; name: string; active: boolean }>>('/api/v1/teams', { unitId }, signal),
    enabled: to === 'team',
  });
  return (
    <>
      <Segmented<AssignTo>
        value={to}
        onChange={(v) => {
          onToChange(v);
          onTargetChange(undefined);
        }}
        options={(['user', 'team', 'department'] as const).map((v) => ({
          value: v,
          label: t(`tickets.assignTo.${v}`),
        }))}
        style={{ marginBottom: 16 }}
      />
      {to === 'user' && (
        <UserSelect userStatus="active" value={target} onChange={onTargetChange} style={{ width: '100%' }} />
      )}
      {to === 'team' && (
        <Select
          value={target}
          onChange={onTargetChange}
          loading={teams.isLoading}
          placeholder={t('tickets.assignTo.teamPlaceholder')}
          options={(teams.data?.items ?? [])
            .filter((x) => x.active)
            .map((x) => ({ value: x.id, label: x.name }))}
          style={{ width: '100%' }}
        />
      )}
      {to === 'department' && (
        <>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={target}
            onChange={onTargetChange}
            placeholder={t('tickets.assignTo.departmentPlaceholder')}
            options={units
              .filter((u) => u.kind === 'department' && u.active)
              .map((u) => ({ value: u.id, label: u.name }))}
            style={{ width: '100%' }}
          />
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('tickets.assignTo.departmentHint')}
          />
        </>
      )}
    </>
  );
}
