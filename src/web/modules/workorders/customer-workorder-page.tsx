import { Card, Flex, Result, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, get, localizedMessage, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { AcceptanceForm, AcceptanceSummary } from './acceptance-form';
import type { AcceptanceInput } from './acceptance-form';
import { CallButton, windowLabel } from './tech-page';
import { CustomerRequestPanel } from './customer-requests';
import type { PublicWorkOrder } from '../../../shared/workorders';

const PUBLIC = '/api/v1/public/workorders';

function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  const text =
    status === 410
      ? t('workOrders.portal.expired')
      : status === 404 && !(error instanceof ApiError && error.code === 'request.not_found')
        ? t('workOrders.portal.notFound')
        : t('workOrders.portal.error');
  return <Result status={status === 410 ? 'warning' : 'info'} title={text} data-testid="portal-problem" />;
}

/**
 * The customer's page behind the SMS link (PORTAL-2): no login, the token is the key. It shows the
 * visit window, the technician and where things stand — nothing else about the order — and lets
 * the customer sign and rate on their own phone (or the technician's, handed over).
 */
export function CustomerWorkOrderPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['public-workorder', token];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<PublicWorkOrder>(`${PUBLIC}/${encodeURIComponent(token)}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
  const sign = useMutation({
    meta: { silent: true },
    mutationFn: (input: AcceptanceInput) =>
      post<{ ok: true }>(`${PUBLIC}/${encodeURIComponent(token)}/acceptance`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
    onError: async (error) => {
      notifyError(localizedMessage(error));
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const wo = query.data;
  const english = i18n.language === 'en';

  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <div style={{ maxWidth: 520, margin: '0 auto', padding: 12 }}>
        {query.isLoading && (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        )}
        {query.isError && <LinkProblem error={query.error} />}
        {wo && (
          <Flex vertical gap={12} data-testid="portal-page">
            <Flex vertical align="center" style={{ padding: '12px 0 4px' }}>
              <Typography.Text type="secondary" data-testid="portal-unit">
                {wo.unitName}
              </Typography.Text>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('workOrders.portal.title')}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('workOrders.portal.number', { number: wo.number })}
              </Typography.Text>
              {wo.servicePhone && (
                <Typography.Text data-testid="portal-service-phone">
                  {t('workOrders.portal.servicePhone')}
                  <a href={`tel:${wo.servicePhone.replace(/[^0-9+]/g, '')}`}>{wo.servicePhone}</a>
                </Typography.Text>
              )}
              {wo.unitAddress && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {wo.unitAddress}
                </Typography.Text>
              )}
            </Flex>
            <Card size="small">
              <Flex vertical gap={10}>
                <Flex justify="space-between" align="center">
                  <Typography.Text>{t(`workOrders.type.${wo.type}`)}</Typography.Text>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="portal-state">
                    {english ? wo.stateLabel.en : wo.stateLabel.zh}
                  </Tag>
                </Flex>
                <div>
                  <Typography.Text type="secondary">{t('workOrders.portal.appointment')}</Typography.Text>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {wo.appointment
                      ? `${dayjs(wo.appointment.start).format('M月D日 ddd')} ${windowLabel(wo.appointment)}`
                      : t('workOrders.portal.notYet')}
                  </Typography.Title>
                </div>
                {wo.technician && (
                  <div>
                    <Typography.Text type="secondary">{t('workOrders.portal.technician')}</Typography.Text>
                    <Flex justify="space-between" align="center" gap={8} wrap>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {wo.technician.name}
                      </Typography.Text>
                      <CallButton phone={wo.technician.phone} label={t('workOrders.portal.callTech')} />
                    </Flex>
                  </div>
                )}
                <div>
                  <Typography.Text type="secondary">{t('workOrders.portal.problem')}</Typography.Text>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {wo.problem}
                  </Typography.Paragraph>
                </div>
              </Flex>
            </Card>
            {wo.acceptance && (
              <Card size="small" data-testid="portal-signed">
                <Typography.Text strong>{t('workOrders.portal.thanks')}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {t('workOrders.portal.signedAt', { time: formatTime(wo.acceptance.signedAt) })}
                </Typography.Text>
                <AcceptanceSummary acceptance={wo.acceptance} />
              </Card>
            )}
            <CustomerRequestPanel
              token={token}
              wo={wo}
              onChanged={() => queryClient.invalidateQueries({ queryKey: key })}
            />
            {wo.canSign && !wo.acceptance && (
              <Card size="small" title={t('workOrders.portal.signTitle')} data-testid="portal-sign">
                <Typography.Paragraph type="secondary">
                  {t('workOrders.portal.signIntro')}
                </Typography.Paragraph>
                <AcceptanceForm
                  form={wo.acceptanceForm}
                  submitLabel={t('workOrders.tech.submitAcceptance')}
                  pending={sign.isPending}
                  onSubmit={(v) => sign.mutate(v)}
                />
              </Card>
            )}
          </Flex>
        )}
      </div>
    </div>
  );
}
