import { useState } from 'react';
import { Button, Card, Checkbox, Descriptions, Flex, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { INSPECTION_FINDINGS } from '../../../shared/returns';
import { formatTime } from '../../lib/format';
import type { ReturnRequestView } from './returns-api';

type Finding = (typeof INSPECTION_FINDINGS)[number];
export interface InspectionInput {
  finding: Finding;
  customerInsists: boolean;
  inStore?: Record<string, never>;
}

/**
 * RET-7: a quality claim's inspection — the work order that visits (linked), then the finding.
 * The finding can be recorded once the visit is completed, or for goods inspected in the store.
 */
export function InspectionCard({
  r,
  busy,
  onRecord,
}: {
  r: ReturnRequestView;
  busy: boolean;
  onRecord: (input: InspectionInput) => void;
}) {
  const { t } = useTranslation();
  const [finding, setFinding] = useState<Finding | null>(null);
  const [insists, setInsists] = useState(false);
  const [inStore, setInStore] = useState(false);
  const wo = r.inspectionWorkOrder;
  const open = r.state === 'draft' && r.inspection === null;
  return (
    <Card size="small" title={t('returns.inspect.title')} data-testid="inspection">
      <Descriptions size="small" column={1}>
        {wo && (
          <Descriptions.Item label={t('returns.inspect.workOrder')}>
            <Flex gap={8} wrap>
              <Link to={`/workorders/${wo.id}`} data-testid="inspection-work-order">
                {wo.number}
              </Link>
              <Tag color={wo.done ? 'green' : 'blue'}>
                {wo.done ? t('returns.inspect.visitDone') : t('returns.inspect.visitOpen')}
              </Tag>
            </Flex>
          </Descriptions.Item>
        )}
        {r.inspection && (
          <Descriptions.Item label={t('returns.wizard.inspectionLabel')}>
            {t(`returns.inspection.${r.inspection}`)} · {r.inspectedBy?.name ?? '—'} ·{' '}
            {formatTime(r.inspectedAt)}
            {r.inspectedInStore ? ` · ${t('returns.inspect.inStore')}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      {open && (
        <Flex vertical gap={8}>
          {!wo?.done && <Typography.Text type="secondary">{t('returns.inspect.waiting')}</Typography.Text>}
          <Radio.Group
            value={finding}
            onChange={(e) => setFinding(e.target.value as Finding)}
            options={INSPECTION_FINDINGS.map((f) => ({ value: f, label: t(`returns.inspection.${f}`) }))}
          />
          <Checkbox checked={insists} onChange={(e) => setInsists(e.target.checked)}>
            {t('returns.wizard.insists')}
          </Checkbox>
          <Checkbox checked={inStore} onChange={(e) => setInStore(e.target.checked)}>
            {t('returns.inspect.inStoreInstead')}
          </Checkbox>
          <div>
            <Button
              type="primary"
              loading={busy}
              disabled={!finding || (!inStore && !wo?.done)}
              onClick={() =>
                onRecord({ finding: finding!, customerInsists: insists, ...(inStore ? { inStore: {} } : {}) })
              }
              data-testid="record-inspection"
            >
              {t('returns.inspect.record')}
            </Button>
          </div>
        </Flex>
      )}
    </Card>
  );
}
