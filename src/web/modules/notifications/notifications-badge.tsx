import { Badge } from 'antd';
import { useUnreadCount } from './notifications-api';

/** The menu's count of unread notices. */
export function UnreadBadge() {
  const count = useUnreadCount();
  return (
    <Badge
      count={count}
      size="small"
      overflowCount={99}
      style={{ marginInlineStart: 6 }}
      data-testid="unread-badge"
    />
  );
}
