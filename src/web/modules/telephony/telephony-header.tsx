import { useState } from 'react';
import { Badge, Button, Dropdown, Space, Tooltip } from 'antd';
import { DownOutlined, PhoneOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { useCallStream } from './call-stream';
import { CallerPopup } from './caller-popup';
import { MyExtensionModal } from './my-extension-modal';
import { SimulateCallModal } from './simulate-call';

const STATUS_COLOR = { open: 'green', connecting: 'gold', offline: 'red' } as const;

/**
 * The telephony corner of the header, for people who take calls (telephony.receive): keeps the
 * call stream open, mounts the caller pop-up, and offers 模拟来电 and 我的分机.
 */
export function TelephonyHeader() {
  const canReceive = useCan()(PERM.telephonyReceive);
  if (!canReceive) return null;
  return <TelephonyTools />;
}

function TelephonyTools() {
  const { t } = useTranslation();
  const status = useCallStream(true);
  const [simulating, setSimulating] = useState(false);
  const [extension, setExtension] = useState(false);
  return (
    <>
      <Tooltip title={t(`telephony.stream.${status}`)}>
        <Badge color={STATUS_COLOR[status]} data-testid="call-stream-status" data-status={status} />
      </Tooltip>
      <Space.Compact>
        <Button icon={<PhoneOutlined />} onClick={() => setSimulating(true)} data-testid="simulate-call">
          {t('telephony.simulate')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'extension',
                icon: <SettingOutlined />,
                label: t('telephony.myExtension'),
                onClick: () => setExtension(true),
              },
            ],
          }}
        >
          <Button icon={<DownOutlined />} aria-label={t('telephony.settings')} />
        </Dropdown>
      </Space.Compact>
      <SimulateCallModal open={simulating} onClose={() => setSimulating(false)} />
      <MyExtensionModal open={extension} onClose={() => setExtension(false)} />
      <CallerPopup />
    </>
  );
}
