import { Space, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { CH_PERM, CHANNEL_TEMPLATES_KEY, type ChannelTemplate } from './channels-api';

const COLOR = { approved: 'green', pending: 'gold', rejected: 'red' } as const;

/** The approval state of a Kefu template at each SMS gateway it is registered with (template page). */
export function GatewayApproval({ templateCode }: { templateCode: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const list = useQuery({
    queryKey: [CHANNEL_TEMPLATES_KEY],
    queryFn: () => get<ChannelTemplate[]>('/api/v1/channel-templates'),
    enabled: can([CH_PERM.manage, 'messages.read']),
    staleTime: 60_000,
  });
  const mine = (list.data ?? []).filter((x) => x.templateCode === templateCode);
  if (mine.length === 0) return <Tag>{t('channels.approval.none')}</Tag>;
  return (
    <Space size={2} wrap>
      {mine.map((x) => (
        <Tooltip
          key={x.accountId}
          title={`${x.accountName} · ${x.providerTemplateCode}${x.approvalNote ? ` · ${x.approvalNote}` : ''}`}
        >
          <Tag color={COLOR[x.approval]}>{t(`channels.approval.${x.approval}`)}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
