import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Input,
  Modal,
  Space,
  Spin,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReturnDocumentCode } from '../../../shared/returns';
import { get, localizedMessage, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { stageName } from '../approvals/approvals-page';
import { formatYuan } from '../workorders/money';
import { SignatureField, type SignatureValue } from '../workorders/signature-pad';
import { DecisionCard } from './counter-wizard';
import { InspectionCard } from './inspection-card';
import { RETURNS_KEY, type ReturnRequestView } from './returns-api';

/** One request at the counter: decision, documents, signature, submission, approval, refund notice. */
export function ReturnDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const key = [RETURNS_KEY, id];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<ReturnRequestView>(`/api/v1/returns/${id}`, undefined, signal),
  });
  const [docs, setDocs] = useState<ReturnDocumentCode[] | null>(null);
  const [signature, setSignature] = useState<SignatureValue>({ dataUrl: null, points: 0 });
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      post<ReturnRequestView>(`/api/v1/returns/${id}/${path}`, body),
    onSuccess: (r) => {
      setError(null);
      qc.setQueryData(key, r);
      void qc.invalidateQueries({ queryKey: ['approvals'] });
      notifySuccess(t(`returns.state.${r.state}`));
    },
    onError: (e) => setError(localizedMessage(e)),
  });
  const r = query.data;
  if (!r) return query.isError ? <Alert type="error" message={localizedMessage(query.error)} /> : <Spin />;
  const editable = r.state === 'draft' || r.state === 'sent_back';
  const line = r.order.lines.find((l) => l.id === r.orderLineId)!;
  const checked = docs ?? r.documents;
  const signed = r.signature.onPaper || !!r.signature.attachmentId;
  const needsSignature = r.decision.documents.includes('customer_signature');
  const lastSentBack = r.approval?.steps.filter((s) => s.decision === 'sent_back').at(-1);
  return (
    <Flex vertical gap={12} style={{ maxWidth: 860 }}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(`returns.kind.${r.kind}`)} · {r.order.orderNo} · {line.product}
        </Typography.Title>
        <Space>
          <Tag color="blue" data-testid="return-state">
            {t(`returns.state.${r.state}`)}
          </Tag>
          <Link to={`/returns/${r.id}/print`} target="_blank">
            <Button icon={<PrinterOutlined />}>{t('returns.detail.print')}</Button>
          </Link>
        </Space>
      </Flex>
      {error && <Alert type="error" showIcon message={error} data-testid="detail-error" />}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('returns.detail.reasonDetail')}>
          {t(`returns.reason.${r.reason}`)} — {r.reasonDetail}
        </Descriptions.Item>
        {r.solutionOffered && (
          <Descriptions.Item label={t('returns.detail.solutionOffered')}>
            {r.solutionOffered}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('returns.detail.refund')}>{formatYuan(r.refundFen)}</Descriptions.Item>
      </Descriptions>
      <DecisionCard decision={r.decision} />
      {(r.inspectionWorkOrder || r.inspectedAt) && (
        <InspectionCard
          r={r}
          busy={act.isPending}
          onRecord={(body) => act.mutate({ path: 'inspection', body })}
        />
      )}
      {r.decision.outcome === 'allowed' && (
        <>
          <Card size="small" title={t('returns.detail.documents')}>
            <Typography.Paragraph type="secondary">{t('returns.detail.documentsHint')}</Typography.Paragraph>
            <Checkbox.Group
              disabled={!editable}
              value={checked}
              onChange={(v) => setDocs(v as ReturnDocumentCode[])}
              options={r.requiredDocuments.map((d) => ({ value: d, label: t(`returns.document.${d}`) }))}
              data-testid="documents"
            />
            {editable && (
              <div style={{ marginTop: 8 }}>
                <Button
                  disabled={docs === null}
                  onClick={() => act.mutate({ path: 'documents', body: { documents: checked } })}
                  data-testid="save-documents"
                >
                  {t('returns.detail.saveDocuments')}
                </Button>
              </div>
            )}
          </Card>
          {needsSignature && (
            <Card size="small" title={t('returns.detail.signature')}>
              {signed ? (
                <Space orientation="vertical">
                  <Tag color="green" data-testid="signed">
                    {t('returns.detail.signed')} · {formatTime(r.signature.at)}
                  </Tag>
                  {r.signature.attachmentId && (
                    <img
                      alt={t('returns.detail.signature')}
                      src={`/api/v1/returns/${r.id}/signature`}
                      style={{ maxWidth: 240, border: '1px solid #eee' }}
                    />
                  )}
                </Space>
              ) : editable ? (
                <Flex vertical gap={8}>
                  <SignatureField onChange={setSignature} height={160} />
                  <Space wrap>
                    <Button
                      disabled={!signature.dataUrl}
                      onClick={() => act.mutate({ path: 'signature', body: { dataUrl: signature.dataUrl } })}
                      data-testid="save-signature"
                    >
                      {t('returns.detail.signOnScreen')}
                    </Button>
                    <Button onClick={() => act.mutate({ path: 'signature', body: { onPaper: true } })}>
                      {t('returns.detail.signOnPaper')}
                    </Button>
                  </Space>
                </Flex>
              ) : null}
            </Card>
          )}
          {editable && (
            <Space>
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() => act.mutate({ path: 'submit' })}
                data-testid="submit"
              >
                {r.state === 'sent_back' ? t('returns.detail.resubmit') : t('returns.detail.submit')}
              </Button>
            </Space>
          )}
        </>
      )}
      {r.approval && (
        <Card size="small" title={t('returns.detail.approval')} data-testid="approval">
          {lastSentBack && r.state === 'sent_back' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={`${lastSentBack.byName}：${lastSentBack.reason}`}
            />
          )}
          <Steps
            size="small"
            orientation="vertical"
            current={
              r.approval.status === 'approved'
                ? r.approval.stages.length
                : r.approval.stages.findIndex((s) => s.key === r.approval!.currentStage)
            }
            status={r.approval.status === 'sent_back' ? 'error' : undefined}
            items={r.approval.stages.map((s) => {
              const done = r.approval!.steps.filter(
                (x) => x.round === r.approval!.round && x.stage === s.key && x.decision === 'approved',
              );
              return {
                title: stageName(s.key, i18n.language),
                description: done.map((x) => `${x.byName} ${formatTime(x.at)}`).join('；'),
              };
            })}
          />
          {r.serviceCentreNotifiedAt && (
            <Tag color="purple">
              {t('returns.detail.serviceCentre')} · {formatTime(r.serviceCentreNotifiedAt)}
            </Tag>
          )}
        </Card>
      )}
      {r.state === 'approved' && (
        <Button
          type="primary"
          onClick={() => act.mutate({ path: 'refund-notice' })}
          data-testid="refund-notice"
        >
          {t('returns.detail.refundNotice')}
        </Button>
      )}
      {r.state === 'refund_notified' && (
        <Alert
          type={r.refundNotice?.skipped === 'no_mobile' ? 'warning' : 'success'}
          showIcon
          message={`${t('returns.detail.refundNoticeDone')} · ${formatTime(r.refundNotifiedAt)}`}
          description={
            <span data-testid="refund-sms">
              {r.refundNotice?.skipped
                ? t(`returns.detail.refundSkip_${r.refundNotice.skipped}`)
                : t('returns.detail.refundSms')}
            </span>
          }
        />
      )}
      {(editable || r.state === 'submitted') && (
        <div>
          <Button danger onClick={() => setWithdrawing(true)}>
            {t('returns.detail.withdraw')}
          </Button>
        </div>
      )}
      <Modal
        open={withdrawing}
        title={t('returns.detail.withdraw')}
        okButtonProps={{ disabled: !withdrawReason.trim() }}
        onOk={() => {
          act.mutate({ path: 'withdraw', body: { reason: withdrawReason } });
          setWithdrawing(false);
        }}
        onCancel={() => setWithdrawing(false)}
      >
        <Input.TextArea
          rows={2}
          placeholder={t('returns.detail.withdrawReason')}
          value={withdrawReason}
          onChange={(e) => setWithdrawReason(e.target.value)}
        />
      </Modal>
    </Flex>
  );
}
