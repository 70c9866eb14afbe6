import { useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { CloseOutRequestForm, CloseOutSendBackForm, CloseOutStepForm } from './complaint-forms';
import type { CloseOutChain, CloseOutStep } from './complaint-types';

type Open =
  { kind: 'request' } | { kind: 'step'; step: CloseOutStep } | { kind: 'sendBack'; step: CloseOutStep };

const STEP_INDEX: Record<CloseOutStep, number> = { quality_opinion: 1, assessment: 2, approval: 3 };

/** Who did a step and when, with the text they wrote. */
function Done({ by, at, text }: { by: { name: string } | null; at: string | null; text?: string | null }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('complaintFlow.chain.doneBy', { name: by?.name ?? '', time: formatTime(at) })}
      </Typography.Text>
      {text && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Text>}
    </Space>
  );
}

/**
 * 结案流程 (CMP-5): the request, the quality lead's opinion, the assessment confirmation and the
 * GM's approval with filing, each with who did it, when and what they wrote; whose turn it is now
 * (the role and the people holding it for this ticket's unit); and the buttons of the step the
 * current person may do — the server says which (`may`), so nobody sees a button that answers 403.
 * Each step's form shows `context` first: the owner approves what the department actually answered.
 */
export function CloseOutChainPanel({
  ticketId,
  chain,
  context,
}: {
  ticketId: string;
  chain: CloseOutChain;
  /** What the owners decide on (the department's replies), shown above each step's form. */
  context?: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  if (!chain.applies) return null;
  const { stage, turn } = chain;
  const owner = (step: CloseOutStep | 'intake_agent') => t(`complaintFlow.chain.owner.${step}`);
  const current = stage === null ? 0 : stage === 'returned' ? 0 : stage === 'filed' ? 4 : STEP_INDEX[stage];
  const pending = (i: number) =>
    i === current ? t('complaintFlow.chain.waiting') : t('complaintFlow.chain.notYet');

  const items = [
    {
      title: t('complaintFlow.chain.request'),
      content: chain.request ? (
        <Done by={chain.request.by} at={chain.request.at} text={chain.request.note} />
      ) : (
        <Typography.Text type="secondary">{t('complaintFlow.chain.notStarted')}</Typography.Text>
      ),
    },
    ...chain.steps.map((s) => ({
      title: t(`complaintFlow.chain.step.${s.step}`),
      content: s.by ? (
        <Done
          by={s.by}
          at={s.at}
          text={s.counts === false ? t('complaintFlow.action.notCountedDone') : s.text}
        />
      ) : (
        <Typography.Text type="secondary">{pending(STEP_INDEX[s.step])}</Typography.Text>
      ),
    })),
    {
      title: t('complaintFlow.chain.filing'),
      content: (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {chain.filed
            ? t('complaintFlow.chain.filedAt', { time: formatTime(chain.filed.at) })
            : t('complaintFlow.chain.filingHint')}
        </Typography.Text>
      ),
    },
  ].map((item, i) => ({
    ...item,
    status:
      i < current || stage === 'filed'
        ? ('finish' as const)
        : i === current && stage !== null
          ? stage === 'returned'
            ? ('error' as const)
            : ('process' as const)
          : ('wait' as const),
  }));

  const names = turn?.holders.map((h) => h.name).join('、') ?? '';
  const modalTitle =
    open?.kind === 'request'
      ? t('complaintFlow.action.request')
      : open?.kind === 'step'
        ? t(`complaintFlow.action.${open.step}`)
        : open?.kind === 'sendBack'
          ? t('complaintFlow.action.sendBackTitle', {
              to: open.step === 'quality_opinion' ? owner('intake_agent') : owner(prevStep(open.step)),
            })
          : undefined;
  return (
    <div data-testid="close-out-chain">
      <Typography.Text strong>{t('complaintFlow.chain.title')}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="close-out-stage">
        {t(`complaintFlow.chain.stage.${stage ?? 'none'}`)}
      </Typography.Text>
      {turn && (
        <Alert
          type={stage === 'returned' ? 'warning' : 'info'}
          showIcon
          style={{ margin: '8px 0' }}
          data-testid="close-out-turn"
          title={
            <>
              {t('complaintFlow.chain.turn', { owner: owner(turn.step) })}
              {names
                ? t('complaintFlow.chain.holders', { names })
                : turn.step !== 'intake_agent' && t('complaintFlow.chain.noHolders')}
            </>
          }
          description={
            chain.lastReturn
              ? t('complaintFlow.chain.lastReturn', {
                  name: chain.lastReturn.by?.name ?? '',
                  step: t(`complaintFlow.chain.step.${chain.lastReturn.from}`),
                  reason: chain.lastReturn.reason ?? '',
                })
              : undefined
          }
        />
      )}
      <Steps
        orientation="vertical"
        size="small"
        current={Math.min(current, items.length - 1)}
        items={items}
        style={{ marginTop: 8 }}
      />
      {(chain.may.request || chain.may.complete) && (
        <Space wrap style={{ marginTop: 4 }}>
          {chain.may.request && (
            <Button
              type="primary"
              onClick={() => setOpen({ kind: 'request' })}
              data-testid="close-out-request"
            >
              {stage === 'returned'
                ? t('complaintFlow.action.requestAgain')
                : t('complaintFlow.action.request')}
            </Button>
          )}
          {chain.may.complete && (
            <Button
              type="primary"
              onClick={() => setOpen({ kind: 'step', step: chain.may.complete! })}
              data-testid={`close-out-step-${chain.may.complete}`}
            >
              {t(`complaintFlow.action.${chain.may.complete}`)}
            </Button>
          )}
          {chain.may.sendBack && (
            <Button
              danger
              onClick={() => setOpen({ kind: 'sendBack', step: chain.may.sendBack! })}
              data-testid="close-out-send-back"
            >
              {t('complaintFlow.action.sendBack')}
            </Button>
          )}
        </Space>
      )}
      <Modal
        open={open !== null}
        title={modalTitle}
        onCancel={close}
        footer={null}
        destroyOnHidden
        width={context && open?.kind !== 'sendBack' ? 760 : 520}
      >
        {open?.kind !== 'sendBack' && context}
        {open?.kind === 'request' && <CloseOutRequestForm ticketId={ticketId} onDone={close} />}
        {open?.kind === 'step' && <CloseOutStepForm ticketId={ticketId} step={open.step} onDone={close} />}
        {open?.kind === 'sendBack' && (
          <CloseOutSendBackForm ticketId={ticketId} step={open.step} onDone={close} />
        )}
      </Modal>
    </div>
  );
}

function prevStep(step: CloseOutStep): CloseOutStep {
  return step === 'approval' ? 'assessment' : 'quality_opinion';
}
