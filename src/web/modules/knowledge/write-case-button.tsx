import { Button } from 'antd';
import { BookOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../auth/use-me';

/** KB-2: on a ticket page, one click opens the case library's form prefilled from the ticket. */
export function WriteCaseButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  if (!can('knowledge.manage')) return null;
  return (
    <Button
      icon={<BookOutlined />}
      onClick={() => void navigate(`/knowledge/cases?ticketId=${ticketId}`)}
      data-testid="action-write-case"
    >
      {t('knowledge.cases.new')}
    </Button>
  );
}
