import { useState } from 'react';
import { Flex, Modal, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifySuccess } from '../../lib/notify';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';

/** Skills and areas of one technician (REP-1), typed as tags; dispatching matches orders against them. */
export function TechnicianProfileModal({
  technician,
  unitId,
  onClose,
}: {
  technician: { id: string; name: string; skills: string[]; areas: string[] };
  unitId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [skills, setSkills] = useState(technician.skills);
  const [areas, setAreas] = useState(technician.areas);
  const save = useMutation({
    mutationFn: () =>
      api(`${WORKORDERS}/technicians/${technician.id}`, {
        method: 'PUT',
        body: { unitId, skills: clean(skills, 40), areas: clean(areas, 60) },
      }),
    onSuccess: async () => {
      notifySuccess(t('workOrders.common.saved'));
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('workOrders.board.profileTitle', { name: technician.name })}
      onCancel={onClose}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
    >
      <Flex vertical gap={12}>
        <Typography.Text>{t('workOrders.board.skills')}</Typography.Text>
        <Select
          mode="tags"
          value={skills}
          onChange={setSkills}
          tokenSeparators={[',', '，', '、']}
          placeholder={t('workOrders.board.tagsHint')}
          data-testid="profile-skills"
        />
        <Typography.Text>{t('workOrders.board.areas')}</Typography.Text>
        <Select
          mode="tags"
          value={areas}
          onChange={setAreas}
          tokenSeparators={[',', '，', '、']}
          placeholder={t('workOrders.board.tagsHint')}
          data-testid="profile-areas"
        />
      </Flex>
    </Modal>
  );
}

const clean = (values: string[], max: number) =>
  [...new Set(values.map((v) => v.trim()).filter(Boolean))].map((v) => v.slice(0, max));
