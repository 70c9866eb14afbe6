import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import type {
  caseCategorySchema,
  ReviewCause,
  ReviewChecklistView,
  ReviewProjectView,
} from '../../../shared/knowledge';
import { api, get, localizedMessage, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useUnits } from '../../hooks/use-units';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { PrintButton, ReportPrintStyle } from '../dashboard';
import { KNOWLEDGE_KEY } from './knowledge-api';

type Category = z.infer<typeof caseCategorySchema>;
const REVIEWS = [KNOWLEDGE_KEY, 'reviews'];

function useCategoryName() {
  const { i18n } = useTranslation();
  return (c: { nameZh: string; nameEn: string }) => (i18n.language.startsWith('zh') ? c.nameZh : c.nameEn);
}

const progressOf = (p: ReviewProjectView) => (p.required ? Math.round((p.signed / p.required) * 100) : 0);

/** 设计评审清单 (KB-3): the projects under design review with their progress; a manager starts one. */
export function DesignReviewsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const name = useCategoryName();
  const { unitId } = useCurrentUnit();
  const { units } = useUnits();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: REVIEWS,
    queryFn: ({ signal }) =>
      get<{ items: ReviewProjectView[] }>('/api/v1/knowledge/reviews', undefined, signal),
  });
  const categories = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'categories', unitId],
    enabled: !!unitId,
    queryFn: ({ signal }) =>
      get<{ items: Category[] }>('/api/v1/knowledge/case-categories', { unitId }, signal),
  });
  const save = async (v: {
    unitId: string;
    name: string;
    categoryIds: string[];
    departmentIds: string[];
  }) => {
    try {
      const created = await post<ReviewChecklistView>('/api/v1/knowledge/reviews', v);
      notifySuccess(t('knowledge.review.created'));
      setCreating(false);
      await qc.invalidateQueries({ queryKey: REVIEWS });
      void navigate(`/knowledge/reviews/${created.project.id}`);
    } catch (e) {
      setError(localizedMessage(e));
    }
  };
  return (
    <Flex vertical gap={12} data-testid="kb-reviews-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('knowledge.review.title')}
        </Typography.Title>
        {can('knowledge.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="kb-review-new"
          >
            {t('knowledge.review.new')}
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary">{t('knowledge.review.hint')}</Typography.Text>
      <Card size="small">
        <Table<ReviewProjectView>
          rowKey="id"
          size="small"
          pagination={false}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={[
            {
              title: t('knowledge.review.project'),
              render: (_, p) => <Link to={`/knowledge/reviews/${p.id}`}>{p.name}</Link>,
            },
            { title: t('knowledge.unit'), width: 140, render: (_, p) => p.unitName },
            {
              title: t('knowledge.cases.category'),
              render: (_, p) => p.categories.map((c) => <Tag key={c.id}>{name(c)}</Tag>),
            },
            {
              title: t('knowledge.review.progress'),
              width: 220,
              render: (_, p) => (
                <Space>
                  <Progress percent={progressOf(p)} size="small" style={{ width: 100 }} />
                  {t('knowledge.review.signedOf', { signed: p.signed, required: p.required })}
                </Space>
              ),
            },
            { title: t('knowledge.cases.createdAt'), width: 150, render: (_, p) => formatTime(p.createdAt) },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('knowledge.review.new')}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        width={600}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false} onFinish={save} initialValues={{ unitId }}>
          <Form.Item
            name="name"
            label={t('knowledge.review.project')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={120} placeholder={t('knowledge.review.projectHint')} />
          </Form.Item>
          <Form.Item name="unitId" label={t('knowledge.unit')} rules={[{ required: true }]}>
            <UnitTreeSelect />
          </Form.Item>
          <ReviewScopeFields
            categoryOptions={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: name(c) }))}
            departmentOptions={units
              .filter((u) => u.kind === 'department')
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form>
      </Modal>
    </Flex>
  );
}

interface Option {
  value: string;
  label: string;
}

/** KB-3: what a checklist covers — the case categories and the departments that must sign. */
function ReviewScopeFields({
  categoryOptions,
  departmentOptions,
  testIdPrefix,
}: {
  categoryOptions: Option[];
  departmentOptions: Option[];
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="categoryIds" label={t('knowledge.cases.category')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          data-testid={testIdPrefix && `${testIdPrefix}-categories`}
          options={categoryOptions}
        />
      </Form.Item>
      <Form.Item
        name="departmentIds"
        label={t('knowledge.review.departments')}
        extra={t('knowledge.review.departmentsHint')}
        rules={[{ required: true }]}
      >
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          data-testid={testIdPrefix && `${testIdPrefix}-departments`}
          options={departmentOptions}
        />
      </Form.Item>
    </>
  );
}

/**
 * KB-3: the checklist's name, categories and departments changed. The server keeps what was signed:
 * a department that has signed, or a category with sign-offs or a cause analysis, stays (409).
 */
function EditReviewModal({
  project,
  open,
  onClose,
  onSaved,
}: {
  project: ReviewProjectView;
  open: boolean;
  onClose: () => void;
  onSaved: (next: ReviewChecklistView) => void;
}) {
  const { t } = useTranslation();
  const name = useCategoryName();
  const { units } = useUnits();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; categoryIds: string[]; departmentIds: string[] }>();
  const categories = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'categories', project.unitId],
    enabled: open,
    queryFn: ({ signal }) =>
      get<{ items: Category[] }>('/api/v1/knowledge/case-categories', { unitId: project.unitId }, signal),
  });
  const save = async (v: { name: string; categoryIds: string[]; departmentIds: string[] }) => {
    setBusy(true);
    try {
      onSaved(
        await api<ReviewChecklistView>(`/api/v1/knowledge/reviews/${project.id}`, { method: 'PUT', body: v }),
      );
      notifySuccess(t('knowledge.review.updated'));
      setError(null);
      onClose();
    } catch (e) {
      setError(localizedMessage(e));
    } finally {
      setBusy(false);
    }
  };
  // Departments of the checklist that are no longer departments in the unit list still show by name.
  const departmentOptions = [
    ...units.filter((u) => u.kind === 'department').map((u) => ({ value: u.id, label: u.name })),
    ...project.departments
      .filter((d) => !units.some((u) => u.id === d.id && u.kind === 'department'))
      .map((d) => ({ value: d.id, label: d.name })),
  ];
  return (
    <Modal
      open={open}
      title={t('knowledge.review.edit')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Alert type="info" showIcon message={t('knowledge.review.editHint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={save}
        initialValues={{
          name: project.name,
          categoryIds: project.categories.map((c) => c.id),
          departmentIds: project.departments.map((d) => d.id),
        }}
      >
        <Form.Item
          name="name"
          label={t('knowledge.review.project')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={120} data-testid="kb-review-edit-name" />
        </Form.Item>
        <ReviewScopeFields
          categoryOptions={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: name(c) }))}
          departmentOptions={departmentOptions}
          testIdPrefix="kb-review-edit"
        />
      </Form>
    </Modal>
  );
}

/**
 * One project's checklist (KB-3): each case with a sign-off per department that its problem has
 * been avoided, the classified cause analysis, progress, Excel and print.
 */
export function DesignReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const qc = useQueryClient();
  const name = useCategoryName();
  const [signing, setSigning] = useState<{
    caseId: string;
    title: string;
    departmentId: string;
    department: string;
  } | null>(null);
  const [editingCauses, setEditingCauses] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [causesForm] = Form.useForm<{ causes: ReviewCause[] }>();
  const key = [...REVIEWS, id];
  const checklist = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<ReviewChecklistView>(`/api/v1/knowledge/reviews/${id}`, undefined, signal),
  });
  const data = checklist.data;
  if (!data)
    return checklist.error ? (
      <Alert type="error" showIcon message={localizedMessage(checklist.error)} />
    ) : null;
  const { project, items } = data;
  const categoryName = new Map(project.categories.map((c) => [c.id, name(c)]));
  const refresh = (next: ReviewChecklistView) => {
    qc.setQueryData(key, next);
    void qc.invalidateQueries({ queryKey: REVIEWS, exact: true });
  };
  const signOff = async () => {
    if (!signing) return;
    try {
      refresh(
        await post<ReviewChecklistView>(`/api/v1/knowledge/reviews/${id}/signoffs`, {
          caseId: signing.caseId,
          departmentId: signing.departmentId,
          note,
        }),
      );
      notifySuccess(t('knowledge.review.signedOk'));
      setSigning(null);
    } catch (e) {
      setError(localizedMessage(e));
    }
  };
  const saveCauses = async (v: { causes?: ReviewCause[] }) => {
    try {
      refresh(
        await api<ReviewChecklistView>(`/api/v1/knowledge/reviews/${id}/causes`, {
          method: 'PUT',
          body: { causes: v.causes ?? [] },
        }),
      );
      notifySuccess(t('knowledge.review.causesSaved'));
      setEditingCauses(false);
    } catch (e) {
      setError(localizedMessage(e));
    }
  };
  return (
    <Flex vertical gap={12} data-testid="kb-review-page">
      <ReportPrintStyle />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('knowledge.review.checklistOf', { name: project.name })}
        </Typography.Title>
        <Space className="no-print">
          {can('knowledge.manage') && (
            <Button onClick={() => setEditing(true)} data-testid="kb-review-edit">
              {t('knowledge.review.edit')}
            </Button>
          )}
          <ListExportButton
            path="/api/v1/knowledge/reviews/export.xlsx"
            filters={{ projectId: project.id }}
            filename={`${t('knowledge.review.title')}-${project.name}`}
          />
          <PrintButton />
        </Space>
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('knowledge.unit')}>{project.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('knowledge.cases.category')}>
            {project.categories.map((c) => name(c)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('knowledge.review.departments')}>
            {project.departments.map((d) => d.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('knowledge.review.progress')}>
            <Space data-testid="kb-review-progress">
              <Progress percent={progressOf(project)} size="small" style={{ width: 120 }} />
              {t('knowledge.review.signedOf', { signed: project.signed, required: project.required })}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('knowledge.review.causes')}
        extra={
          can('knowledge.manage') && (
            <Button
              size="small"
              className="no-print"
              onClick={() => {
                causesForm.setFieldsValue({ causes: project.causes });
                setEditingCauses(true);
              }}
              data-testid="kb-review-causes-edit"
            >
              {t('knowledge.review.editCauses')}
            </Button>
          )
        }
      >
        <Table<ReviewCause>
          rowKey={(c, i) => `${c.categoryId}-${i}`}
          size="small"
          pagination={false}
          dataSource={project.causes}
          locale={{ emptyText: t('knowledge.review.noCauses') }}
          columns={[
            {
              title: t('knowledge.cases.category'),
              width: 180,
              render: (_, c) => categoryName.get(c.categoryId),
            },
            { title: t('knowledge.review.cause'), width: 180, dataIndex: 'cause' },
            { title: t('knowledge.review.complaints'), width: 100, dataIndex: 'complaints' },
            { title: t('knowledge.cases.analysis'), dataIndex: 'analysis' },
          ]}
        />
      </Card>
      <Card size="small" title={t('knowledge.review.cases', { count: items.length })}>
        <Table
          rowKey={(i) => i.case.id}
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            {
              title: t('knowledge.cases.category'),
              width: 150,
              render: (_, i) => categoryName.get(i.case.categoryId),
            },
            {
              title: t('knowledge.cases.caseTitle'),
              render: (_, i) => (
                <Flex vertical>
                  <Typography.Text strong>{i.case.title}</Typography.Text>
                  {i.case.lessons && <Typography.Text type="secondary">{i.case.lessons}</Typography.Text>}
                </Flex>
              ),
            },
            ...project.departments.map((d) => ({
              title: d.name,
              width: 200,
              render: (_: unknown, i: (typeof items)[number]) => {
                const s = i.signoffs.find((x) => x.departmentId === d.id);
                if (s)
                  return (
                    <Flex vertical data-testid="kb-review-signed">
                      <Typography.Text type="success">
                        <CheckCircleOutlined /> {t('knowledge.review.avoided')}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {s.signedBy.displayName} · {formatTime(s.signedAt)}
                      </Typography.Text>
                      {s.note && <Typography.Text>{s.note}</Typography.Text>}
                    </Flex>
                  );
                return can('knowledge.review') ? (
                  <Button
                    size="small"
                    className="no-print"
                    data-testid="kb-review-sign"
                    onClick={() => {
                      setNote('');
                      setError(null);
                      setSigning({
                        caseId: i.case.id,
                        title: i.case.title,
                        departmentId: d.id,
                        department: d.name,
                      });
                    }}
                  >
                    {t('knowledge.review.signOff')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t('knowledge.review.open')}</Typography.Text>
                );
              },
            })),
          ]}
        />
      </Card>
      <Modal
        open={signing !== null}
        title={t('knowledge.review.signOff')}
        okText={t('knowledge.review.confirm')}
        onOk={signOff}
        onCancel={() => setSigning(null)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {signing && (
          <Flex vertical gap={8}>
            <Typography.Text>
              {t('knowledge.review.confirmText', { department: signing.department, title: signing.title })}
            </Typography.Text>
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              autoSize={{ minRows: 2 }}
              placeholder={t('knowledge.review.notePlaceholder')}
              data-testid="kb-review-note"
            />
          </Flex>
        )}
      </Modal>
      <EditReviewModal project={project} open={editing} onClose={() => setEditing(false)} onSaved={refresh} />
      <Modal
        open={editingCauses}
        title={t('knowledge.review.causes')}
        onOk={() => causesForm.submit()}
        onCancel={() => setEditingCauses(false)}
        width={760}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={causesForm} onFinish={saveCauses} layout="vertical">
          <Form.List name="causes">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'categoryId']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 170 }}
                        placeholder={t('knowledge.cases.category')}
                        options={project.categories.map((c) => ({ value: c.id, label: name(c) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'cause']} rules={[{ required: true, whitespace: true }]}>
                      <Input
                        style={{ width: 150 }}
                        maxLength={100}
                        placeholder={t('knowledge.review.cause')}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'complaints']} initialValue={0} rules={[{ required: true }]}>
                      <InputNumber min={0} precision={0} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'analysis']} initialValue="">
                      <Input.TextArea
                        style={{ width: 220 }}
                        autoSize
                        maxLength={5000}
                        placeholder={t('knowledge.cases.analysis')}
                      />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t('knowledge.review.addCause')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Flex>
  );
}
