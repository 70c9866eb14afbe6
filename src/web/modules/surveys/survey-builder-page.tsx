import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess, showError } from '../../lib/notify';
import { QuestionList } from './survey-questions';
import { SURVEYS_API, SURVEY_PERM } from './surveys-api';
import type { QuestionKind, SurveyAnswers, SurveyQuestion, SurveyTemplate } from '../../../shared/surveys';

const KINDS: QuestionKind[] = ['csat', 'nps', 'satisfaction', 'rating', 'single', 'multiple', 'text'];

interface Draft {
  code: string;
  name: string;
  description: string;
  questions: SurveyQuestion[];
}

const optionsText = (q: SurveyQuestion) => (q.options ?? []).map((o) => o.label).join('\n');
const optionsFrom = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label, i) => ({ value: `o${i + 1}`, label }));

function QuestionEditor({
  question,
  onChange,
  onMove,
  onRemove,
  first,
  last,
  disabled,
}: {
  question: SurveyQuestion;
  onChange: (q: SurveyQuestion) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  first: boolean;
  last: boolean;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState(optionsText(question));
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="builder-question">
      <Flex gap={8} wrap align="center">
        <Select
          value={question.kind}
          disabled={disabled}
          style={{ width: 200 }}
          onChange={(kind) =>
            onChange({
              ...question,
              kind,
              ...(kind === 'single' || kind === 'multiple' ? {} : { options: undefined }),
            })
          }
          options={KINDS.map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))}
        />
        <Switch
          checked={question.required}
          disabled={disabled}
          onChange={(required) => onChange({ ...question, required })}
          checkedChildren={t('surveys.form.required')}
          unCheckedChildren={t('surveys.form.required')}
        />
        {question.kind === 'rating' && (
          <InputNumber
            min={2}
            max={10}
            disabled={disabled}
            addonBefore={t('surveys.builder.scaleMax')}
            value={question.scaleMax ?? 5}
            onChange={(v) => onChange({ ...question, scaleMax: v ?? 5 })}
          />
        )}
        <Space style={{ marginLeft: 'auto' }}>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={disabled || first}
            onClick={() => onMove(-1)}
            title={t('surveys.builder.moveUp')}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={disabled || last}
            onClick={() => onMove(1)}
            title={t('surveys.builder.moveDown')}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={onRemove}
            title={t('surveys.builder.remove')}
          />
        </Space>
      </Flex>
      <Input
        style={{ marginTop: 8 }}
        disabled={disabled}
        placeholder={t('surveys.builder.label')}
        value={question.label}
        maxLength={300}
        onChange={(e) => onChange({ ...question, label: e.target.value })}
      />
      {(question.kind === 'single' || question.kind === 'multiple') && (
        <Input.TextArea
          style={{ marginTop: 8 }}
          disabled={disabled}
          autoSize={{ minRows: 2 }}
          placeholder={t('surveys.builder.options')}
          value={options}
          onChange={(e) => {
            setOptions(e.target.value);
            onChange({ ...question, options: optionsFrom(e.target.value) });
          }}
        />
      )}
    </Card>
  );
}

/** 问卷模板: the survey builder — a unit's own version of a template, with a live preview (SAT-3). */
export function SurveyBuilderPage() {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const { unitId: currentUnit } = useCurrentUnit();
  const [unitId, setUnitId] = useState<string | undefined>(currentUnit);
  const [code, setCode] = useState<string | undefined>();
  // Edits are kept per template code (and version), so a refetch or a switch never loses them.
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [newCode, setNewCode] = useState('');
  const [preview, setPreview] = useState<SurveyAnswers>({});
  const mayEdit = can(SURVEY_PERM.manage);
  const templates = useQuery({
    queryKey: ['surveys', 'templates', unitId],
    queryFn: ({ signal }) => get<{ items: SurveyTemplate[] }>(`${SURVEYS_API}/templates`, { unitId }, signal),
    enabled: !!unitId,
    // A refetch must not overwrite a draft being edited.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const items = templates.data?.items ?? [];
  const selected = items.find((x) => x.code === (code ?? items[0]?.code));
  const activeCode = code ?? items[0]?.code;
  const draftKey = `${unitId}:${activeCode}:${selected?.code === activeCode ? (selected?.version ?? 0) : 'new'}`;
  const draft: Draft | null =
    drafts[draftKey] ??
    (selected && selected.code === activeCode
      ? {
          code: selected.code,
          name: selected.name,
          description: selected.description,
          questions: selected.questions,
        }
      : null);
  const setDraft = (d: Draft) => setDrafts((all) => ({ ...all, [draftKey]: d }));
  const save = useMutation({
    mutationFn: (d: Draft) =>
      api<SurveyTemplate>(`${SURVEYS_API}/templates/${d.code}`, {
        method: 'PUT',
        body: { unitId, name: d.name, description: d.description, questions: d.questions },
      }),
    onSuccess: async (saved) => {
      notifySuccess(t('surveys.builder.saved'));
      await queryClient.invalidateQueries({ queryKey: ['surveys', 'templates', unitId] });
      setCode(saved.code);
    },
    onError: showError,
  });
  const setQuestions = (questions: SurveyQuestion[]) => draft && setDraft({ ...draft, questions });
  const move = (i: number, delta: number) => {
    if (!draft) return;
    const next = [...draft.questions];
    const [q] = next.splice(i, 1);
    next.splice(i + delta, 0, q!);
    setQuestions(next);
  };
  const addQuestion = () => {
    if (!draft) return;
    const used = new Set(draft.questions.map((q) => q.id));
    let n = draft.questions.length + 1;
    while (used.has(`q${n}`)) n += 1;
    setQuestions([...draft.questions, { id: `q${n}`, kind: 'csat', label: '', required: false }]);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('surveys.builder.title')}
      </Typography.Title>
      {!mayEdit && <Alert type="info" showIcon title={t('surveys.builder.readOnly')} />}
      <Flex wrap gap={8} align="center">
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} />
        <Select
          style={{ minWidth: 240 }}
          value={selected?.code}
          onChange={setCode}
          data-testid="builder-template"
          options={items.map((x) => ({
            value: x.code,
            label: (
              <span>
                {x.name}{' '}
                <Tag>
                  {x.shipped
                    ? t('surveys.builder.shipped')
                    : t('surveys.builder.own', { version: x.version })}
                </Tag>
              </span>
            ),
          }))}
        />
        {mayEdit && (
          <Space.Compact>
            <Input
              placeholder={t('surveys.builder.newCode')}
              title={t('surveys.builder.codeHint')}
              value={newCode}
              onChange={(e) => setNewCode(e.target.value.trim())}
            />
            <Button
              disabled={!/^[a-z][a-z0-9_]{1,49}$/.test(newCode)}
              onClick={() => {
                setCode(newCode);
                setDrafts((all) => ({
                  ...all,
                  [`${unitId}:${newCode}:new`]: {
                    code: newCode,
                    name: newCode,
                    description: '',
                    questions: [{ id: 'csat', kind: 'csat', label: '', required: true }],
                  },
                }));
                setNewCode('');
              }}
            >
              {t('surveys.builder.create')}
            </Button>
          </Space.Compact>
        )}
      </Flex>
      {draft && (
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card
              size="small"
              title={
                <span>
                  {draft.name}{' '}
                  <Typography.Text type="secondary" code data-code>
                    {draft.code}
                  </Typography.Text>
                </span>
              }
            >
              <Input
                addonBefore={t('surveys.builder.name')}
                disabled={!mayEdit}
                value={draft.name}
                maxLength={100}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
              <Input
                style={{ marginTop: 8 }}
                addonBefore={t('surveys.builder.description')}
                disabled={!mayEdit}
                value={draft.description}
                maxLength={500}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('surveys.builder.questions')}
              </Typography.Title>
              {draft.questions.map((q, i) => (
                <QuestionEditor
                  key={`${draft.code}-${q.id}`}
                  question={q}
                  disabled={!mayEdit}
                  first={i === 0}
                  last={i === draft.questions.length - 1}
                  onChange={(next) => setQuestions(draft.questions.map((x, j) => (j === i ? next : x)))}
                  onMove={(delta) => move(i, delta)}
                  onRemove={() => setQuestions(draft.questions.filter((_, j) => j !== i))}
                />
              ))}
              {mayEdit && (
                <Flex gap={8}>
                  <Button icon={<PlusOutlined />} onClick={addQuestion} data-testid="builder-add">
                    {t('surveys.builder.addQuestion')}
                  </Button>
                  <Button
                    type="primary"
                    loading={save.isPending}
                    onClick={() => save.mutate(draft)}
                    data-testid="builder-save"
                  >
                    {t('surveys.builder.save')}
                  </Button>
                </Flex>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('surveys.builder.preview')}>
              <div style={{ maxWidth: 375, margin: '0 auto' }}>
                <Typography.Title level={4}>{draft.name}</Typography.Title>
                <QuestionList
                  questions={draft.questions.filter((q) => q.label)}
                  answers={preview}
                  onChange={setPreview}
                />
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
