import { useState } from 'react';
import { Alert, Flex, Modal, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, get, localizedMessage, post } from '../../api/client';
import { notifyError, notifySuccess } from '../../lib/notify';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import type { AssignResult, WorkOrderRow } from '../../../shared/workorders';

export interface TechnicianInfo {
  id: string;
  name: string;
  phone?: string | null;
  skills: string[];
  areas: string[];
  load?: { visits: number; minutesBooked: number };
}

/** Why this technician is a poor fit for the order (REP-1): missing skill, other area. Empty = fits. */
export function fitProblems(t: TFunction, order: WorkOrderRow, tech: TechnicianInfo): string[] {
  const problems: string[] = [];
  if (order.requiredSkill && !tech.skills.includes(order.requiredSkill))
    problems.push(t('workOrders.board.skillMissing', { name: tech.name, skill: order.requiredSkill }));
  if (order.area && tech.areas.length > 0 && !tech.areas.includes(order.area))
    problems.push(t('workOrders.board.areaMismatch', { name: tech.name, area: order.area }));
  return problems;
}

export function useTechnicians(unitId: string | undefined) {
  return useQuery({
    queryKey: [WORKORDERS_KEY, 'technicians', unitId],
    queryFn: ({ signal }) =>
      get<{ items: TechnicianInfo[] }>(`${WORKORDERS}/technicians`, { unitId }, signal),
    enabled: !!unitId,
  });
}

/**
 * Assigning, from the board (drop) or a list (modal). A technician without the skill is refused
 * by the server unless the supervisor confirms; time conflicts come back in the answer and are
 * shown in red so the supervisor reschedules or reassigns (REP-3).
 */
export function useAssign() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    meta: { silent: true },
    mutationFn: (v: { order: WorkOrderRow; tech: TechnicianInfo; allowWithoutSkill?: boolean }) =>
      post<AssignResult>(`${WORKORDERS}/${v.order.id}/assign`, {
        technicianId: v.tech.id,
        ...(v.allowWithoutSkill ? { allowWithoutSkill: true } : {}),
      }),
    onSuccess: async (result, v) => {
      if (result.conflicts.length > 0)
        notifyError(
          t('workOrders.board.afterAssignConflicts', {
            numbers: result.conflicts.map((c) => c.number).join('、'),
          }),
        );
      else notifySuccess(t('workOrders.board.assigned', { name: v.tech.name }));
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
    },
  });
  /** `confirmed`: the supervisor already accepted the misfits, so a missing skill is not asked again. */
  const assign = (order: WorkOrderRow, tech: TechnicianInfo, onDone?: () => void, confirmed = false) =>
    mutation.mutate(
      { order, tech, ...(confirmed ? { allowWithoutSkill: true } : {}) },
      {
        onSuccess: () => onDone?.(),
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'workorders.skill_missing') {
            Modal.confirm({
              title: t('workOrders.board.skillConfirm', { name: tech.name }),
              okText: t('workOrders.board.assignAnyway'),
              okButtonProps: { danger: true },
              onOk: () =>
                mutation.mutateAsync({ order, tech, allowWithoutSkill: true }).then(() => onDone?.()),
            });
            return;
          }
          notifyError(localizedMessage(error));
        },
      },
    );
  return { assign, pending: mutation.isPending };
}

/** 派工 by choosing from the list: each technician shows skills, areas, load and fit problems. */
export function AssignModal({
  order,
  unitId,
  onClose,
}: {
  order: WorkOrderRow | null;
  unitId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const technicians = useTechnicians(order?.unitId ?? unitId);
  const [techId, setTechId] = useState<string | undefined>();
  const { assign, pending } = useAssign();
  const items = technicians.data?.items ?? [];
  const chosen = items.find((x) => x.id === techId);
  const problems = order && chosen ? fitProblems(t, order, chosen) : [];
  return (
    <Modal
      open={order !== null}
      title={order ? t('workOrders.board.assignTitle', { number: order.number }) : ''}
      onCancel={onClose}
      okButtonProps={{ disabled: !chosen, danger: problems.length > 0 }}
      okText={problems.length ? t('workOrders.board.assignAnyway') : t('workOrders.board.assign')}
      confirmLoading={pending}
      onOk={() => order && chosen && assign(order, chosen, onClose)}
      destroyOnHidden
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        placeholder={t('workOrders.board.chooseTechnician')}
        value={techId}
        onChange={setTechId}
        loading={technicians.isLoading}
        data-testid="assign-technician"
        options={items.map((tech) => {
          const misfit = order ? fitProblems(t, order, tech).length > 0 : false;
          return {
            value: tech.id,
            label: tech.name,
            title: tech.name,
            render: (
              <Flex justify="space-between" gap={8}>
                <Typography.Text type={misfit ? 'danger' : undefined}>{tech.name}</Typography.Text>
                <span>
                  {tech.skills.map((s) => (
                    <Tag key={s} color={s === order?.requiredSkill ? 'green' : undefined}>
                      {s}
                    </Tag>
                  ))}
                </span>
              </Flex>
            ),
          };
        })}
        optionRender={(option) => (option.data as { render: React.ReactNode }).render}
      />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        />
      )}
      {order && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {order.requiredSkill && `${t('workOrders.field.skill')}：${order.requiredSkill}  `}
          {order.area && `${t('workOrders.field.area')}：${order.area}`}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
