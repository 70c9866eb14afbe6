import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, Select, Space, Tag, Typography, message } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { checkTemplate, type JourneyTemplate, type StageDefinition } from '../../../domain/journeys';
import { get, localizedMessage, post } from '../../api/client';
import { useJourneyLabels } from './journey-labels';
import { JOURNEYS_KEY, type JourneyTemplateRow } from './journeys-api';
import { journeysI18n } from './journeys.i18n';
import { latestTemplates } from './journeys-page';

/**
 * How a stage goes on when the list is edited: `flow` to whichever stage follows it in the list,
 * `final` nowhere (it ends the journey), `custom` where the template says (a question's branches,
 * a loop back), untouched by moving stages.
 */
type Link = 'flow' | 'final' | 'custom';
type EditStage = StageDefinition & { link: Link };
type LimitUnit = NonNullable<StageDefinition['limit']>['unit'];

const UNITS: LimitUnit[] = ['working_hours', 'working_days', 'calendar_hours', 'calendar_days'];

function toEdit(stages: readonly StageDefinition[]): EditStage[] {
  return stages.map((s, i) => ({
    ...s,
    link: s.next === null ? 'final' : 'to' in s.next && s.next.to === stages[i + 1]?.key ? 'flow' : 'custom',
  }));
}

function toStages(stages: readonly EditStage[]): StageDefinition[] {
  return stages.map(({ link, ...s }, i) => ({
    ...s,
    next:
      link === 'final'
        ? null
        : link === 'flow'
          ? stages[i + 1]
            ? { to: stages[i + 1]!.key }
            : null
          : s.next,
  }));
}

/** The codes the shipped templates name (roles, forms), offered in the pickers. */
const known = (kind: 'role' | 'form') =>
  Object.keys((journeysI18n.zhCN as { code: Record<string, Record<string, string>> }).code[kind] ?? {});

/**
 * 流程编辑: the stages of a template as a list — add, remove, move up or down; per stage its name,
 * responsible role, time limit and required forms. Saving makes a new version (of the copy, when
 * the page was opened with ?copy): running journeys keep the version they started with.
 */
export function StageEditorPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const copying = params.has('copy');
  const templates = useQuery({
    queryKey: [JOURNEYS_KEY, 'templates'],
    queryFn: ({ signal }) =>
      get<{ items: JourneyTemplateRow[] }>('/api/v1/journeys/templates', undefined, signal),
  });
  const source = latestTemplates(templates.data?.items ?? []).find((x) => x.code === code);
  if (!source) return null;
  return <Editor key={`${source.id}-${copying}`} source={source} copying={copying} />;
}

function Editor({ source, copying }: { source: JourneyTemplateRow; copying: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { label } = useJourneyLabels();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [head, setHead] = useState(() =>
    copying
      ? {
          code: `${source.code}_copy_${Date.now().toString(36).slice(-4)}`,
          nameZh: `${source.nameZh}（副本）`,
          nameEn: `${source.nameEn} (copy)`,
        }
      : { code: source.code, nameZh: source.nameZh, nameEn: source.nameEn },
  );
  const [stages, setStages] = useState<EditStage[]>(() =>
    toEdit(source.definition.stages as readonly StageDefinition[]),
  );
  const save = useMutation({
    mutationFn: (body: Omit<JourneyTemplate, 'version'>) =>
      post<JourneyTemplateRow>('/api/v1/journeys/templates', body),
    onSuccess: (row) => {
      void client.invalidateQueries({ queryKey: [JOURNEYS_KEY] });
      void message.success(t('journeys.editor.saved', { version: row.version }));
      void navigate(`/journeys/templates/${encodeURIComponent(row.code)}/edit`);
    },
    onError: (e) => void message.error(localizedMessage(e)),
  });
  const draft = { ...head, version: 0, stages: toStages(stages) };
  const problem = checkTemplate(draft);
  const change = (i: number, patch: Partial<EditStage>) =>
    setStages(stages.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...stages];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setStages(next);
  };
  const addAfter = (i: number) => {
    let n = stages.length + 1;
    while (stages.some((s) => s.key === `stage_${n}`)) n++;
    const before = stages[i]!;
    const added: EditStage = {
      key: `stage_${n}`,
      nameZh: t('journeys.editor.newStage'),
      nameEn: 'New stage',
      role: before.role,
      next: null,
      link: before.link === 'final' ? 'final' : 'flow',
    };
    const next = [...stages];
    if (before.link === 'final') next[i] = { ...before, link: 'flow' };
    next.splice(i + 1, 0, added);
    setStages(next);
  };
  const problemText = problem
    ? t(`journeys.editor.problem.${problem.code.replace('journeys.', '')}`, {
        stage: 'stage' in problem ? stageName(problem.stage) : '',
      })
    : null;
  function stageName(key: string) {
    const s = stages.find((x) => x.key === key);
    return s ? (en ? s.nameEn : s.nameZh) : key;
  }
  const roleOptions = [...new Set([...known('role'), ...stages.map((s) => s.role)])].map((r) => ({
    value: r,
    label: label('role', r),
  }));
  const formOptions = [...new Set([...known('form'), ...stages.flatMap((s) => s.forms ?? [])])].map((f) => ({
    value: f,
    label: label('form', f),
  }));
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {copying ? t('journeys.editor.copyTitle') : t('journeys.editor.title')} ·{' '}
        {en ? source.nameEn : source.nameZh} v{source.version}
      </Typography.Title>
      <Card size="small">
        <Flex gap={12} wrap>
          <label>
            {t('journeys.editor.nameZh')}
            <Input
              data-testid="editor-name"
              value={head.nameZh}
              onChange={(e) => setHead({ ...head, nameZh: e.target.value })}
            />
          </label>
          <label>
            {t('journeys.editor.nameEn')}
            <Input value={head.nameEn} onChange={(e) => setHead({ ...head, nameEn: e.target.value })} />
          </label>
          <label>
            {t('journeys.editor.code')}
            <Input
              data-testid="editor-code"
              disabled={!copying}
              value={head.code}
              onChange={(e) => setHead({ ...head, code: e.target.value.trim() })}
            />
          </label>
        </Flex>
      </Card>
      {stages.map((s, i) => (
        <Card
          key={s.key}
          size="small"
          data-testid="editor-stage"
          title={
            <Space>
              <Tag>{i + 1}</Tag>
              <Input
                data-testid="editor-stage-name"
                style={{ width: 320 }}
                value={s.nameZh}
                onChange={(e) =>
                  change(i, { nameZh: e.target.value, ...(en ? { nameEn: e.target.value } : {}) })
                }
              />
            </Space>
          }
          extra={
            <Space>
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={i === 0}
                aria-label={t('journeys.editor.up')}
                onClick={() => move(i, -1)}
              />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === stages.length - 1}
                aria-label={t('journeys.editor.down')}
                onClick={() => move(i, 1)}
              />
              <Button
                size="small"
                icon={<PlusOutlined />}
                data-testid="editor-add-after"
                onClick={() => addAfter(i)}
              >
                {t('journeys.editor.addAfter')}
              </Button>
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={stages.length === 1}
                aria-label={t('journeys.editor.remove')}
                onClick={() => setStages(stages.filter((_, k) => k !== i))}
              />
            </Space>
          }
        >
          <Flex gap={12} wrap align="center">
            <span>{t('journeys.role')}</span>
            <Select
              data-testid="editor-role"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              value={s.role}
              onChange={(v: string) => change(i, { role: v })}
              options={roleOptions}
            />
            <span>{t('journeys.editor.limit')}</span>
            <InputNumber
              data-testid="editor-limit"
              min={0}
              style={{ width: 90 }}
              value={s.limit?.amount ?? null}
              onChange={(v) =>
                change(i, {
                  limit: v ? { unit: s.limit?.unit ?? 'working_days', amount: v } : undefined,
                })
              }
            />
            <Select
              style={{ width: 130 }}
              value={s.limit?.unit ?? 'working_days'}
              disabled={!s.limit}
              onChange={(u: LimitUnit) => s.limit && change(i, { limit: { ...s.limit, unit: u } })}
              options={UNITS.map((u) => ({ value: u, label: t(`journeys.editor.unit.${u}`) }))}
            />
            <span>{t('journeys.editor.forms')}</span>
            <Select
              data-testid="editor-forms"
              mode="tags"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 260, flex: 1 }}
              value={[...(s.forms ?? [])]}
              onChange={(v: string[]) => change(i, { forms: v })}
              options={formOptions}
            />
          </Flex>
          {(s.documents?.length || s.fields?.length || s.approvals?.length || s.payment) && (
            <div style={{ fontSize: 12, margin: '6px 0 2px' }}>
              {t('journeys.editor.alsoNeeds')}
              {[
                ...(s.documents ?? []).map((d) => `${t('journeys.documents')}：${label('document', d)}`),
                ...(s.fields ?? []).map((f) => `${t('journeys.fields')}：${label('field', f)}`),
                ...(s.approvals ?? []).map((a) => `${t('journeys.approvals')}：${label('approval', a)}`),
                ...(s.payment
                  ? [
                      `${t('journeys.payment')}：${en ? s.payment.nameEn : s.payment.nameZh} ${s.payment.percent}%`,
                    ]
                  : []),
              ].join('；')}
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.link === 'final'
              ? t('journeys.editor.ends')
              : s.link === 'flow'
                ? t('journeys.editor.flows', { stage: stages[i + 1] ? stageName(stages[i + 1]!.key) : '—' })
                : s.next && 'question' in s.next
                  ? `${s.next.questionZh} ${t('journeys.answerYes')} → ${stageName(s.next.yes)}；${t('journeys.answerNo')} → ${stageName(s.next.no)}`
                  : s.next
                    ? t('journeys.editor.flows', { stage: stageName(s.next.to) })
                    : ''}
          </Typography.Text>
        </Card>
      ))}
      {problemText && <Alert type="error" showIcon data-testid="editor-problem" message={problemText} />}
      <Flex gap={8}>
        <Button
          type="primary"
          data-testid="editor-save"
          disabled={!!problem || !head.code || !head.nameZh}
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              code: head.code,
              nameZh: head.nameZh,
              nameEn: head.nameEn || head.nameZh,
              stages: draft.stages,
            })
          }
        >
          {t('journeys.editor.save')}
        </Button>
        <Button onClick={() => void navigate('/journeys/templates')}>{t('journeys.editor.back')}</Button>
      </Flex>
    </Flex>
  );
}
