import { useSyncExternalStore } from 'react';
import { Button } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IncomingCall, SavedCaller } from './call-types';

type IntakeHandler = (call: IncomingCall, saved: SavedCaller | null) => void;

// The intake panel of the agent desk, while it is on screen. Only one desk is mounted at a time.
let intakeHandler: IntakeHandler | null = null;
const watchers = new Set<() => void>();

/**
 * The desk's intake panel offers to take calls from the pop-up while it is mounted; the returned
 * function withdraws the offer. Elsewhere the pop-up shows no 受理 button.
 */
export function offerIntakeForCalls(handler: IntakeHandler): () => void {
  intakeHandler = handler;
  watchers.forEach((w) => w());
  return () => {
    if (intakeHandler !== handler) return;
    intakeHandler = null;
    watchers.forEach((w) => w());
  };
}

function subscribe(watcher: () => void) {
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}

/**
 * 受理: hands the call (its id, customer and number, or the customer just saved for it) to the desk's
 * intake panel and closes the pop-up; the header's call indicator opens it again.
 */
export function TakeCallButton({
  call,
  saved,
  onTaken,
}: {
  call: IncomingCall;
  saved: SavedCaller | null;
  onTaken: () => void;
}) {
  const { t } = useTranslation();
  const handler = useSyncExternalStore(subscribe, () => intakeHandler);
  if (!handler) return null;
  return (
    <Button
      type="primary"
      icon={<FormOutlined />}
      onClick={() => {
        onTaken();
        handler(call, saved);
      }}
      data-testid="caller-take"
    >
      {t('telephony.takeCall')}
    </Button>
  );
}
