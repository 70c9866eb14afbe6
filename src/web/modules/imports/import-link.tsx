import { Button } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/use-me';

/** The 导入 button of the customer list (CUS-5), shown to those who may import customers or orders. */
export function ImportLink() {
  const { t } = useTranslation();
  if (!useCan()(['customers.import', 'orders.import'])) return null;
  return (
    <Link to="/customers/import">
      <Button icon={<ImportOutlined />} data-testid="open-import">
        {t('imports.open')}
      </Button>
    </Link>
  );
}
