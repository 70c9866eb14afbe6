import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Tabs,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { caseCategorySchema, caseDraftSchema, CaseView, KbCaseLibrary } from '../../../shared/knowledge';
import { get, localizedMessage, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { CellText, ListTable } from '../../components/list-table';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { CaseCategoriesEditor } from './case-categories-editor';
import { CasePhotos, uploadCasePhoto } from './case-photos';
import { KNOWLEDGE_KEY } from './knowledge-api';

type Category = z.infer<typeof caseCategorySchema>;
type Draft = z.infer<typeof caseDraftSchema>;

/** 案例库 (KB-2): browse by library and category; a case from a ticket opens prefilled (?ticketId=). */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { unitId } = useCurrentUnit();
  const [params, setParams] = useSearchParams();
  const ticketId = params.get('ticketId');
  const [library, setLibrary] = useState<KbCaseLibrary>('quality');
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [draft, setDraft] = useState<Partial<Draft> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [editingCategories, setEditingCategories] = useState(false);
  const categories = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'categories', unitId],
    enabled: !!unitId,
    queryFn: ({ signal }) =>
      get<{ items: Category[] }>('/api/v1/knowledge/case-categories', { unitId }, signal),
  });
  const list = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'cases', library, categoryId],
    queryFn: ({ signal }) =>
      get<{ items: CaseView[]; total: number }>(
        '/api/v1/knowledge/cases',
        { library, categoryId, pageSize: 50 },
        signal,
      ),
  });
  useEffect(() => {
    if (!ticketId) return;
    get<Draft>('/api/v1/knowledge/cases/draft', { ticketId })
      .then((d) => setDraft(d))
      .catch((e: unknown) => setError(localizedMessage(e)));
  }, [ticketId]);
  const name = (c: Category) => (i18n.language.startsWith('zh') ? c.nameZh : c.nameEn);
  const close = () => {
    setDraft(null);
    setPhotos([]);
    if (ticketId) setParams({});
  };
  const save = async (v: Record<string, string>) => {
    try {
      const created = await post<CaseView>('/api/v1/knowledge/cases', {
        unitId: draft?.unitId ?? unitId,
        responsibleDepartmentId: draft?.responsibleDepartmentId ?? null,
        sourceTicketId: draft?.sourceTicketId ?? null,
        ...v,
      });
      // KB-2: the photos kept as evidence go to the attachments module once the case exists.
      for (const p of photos) if (p.originFileObj) await uploadCasePhoto(created.id, p.originFileObj);
      notifySuccess(t('knowledge.cases.saved'));
      close();
      await qc.invalidateQueries({ queryKey: [KNOWLEDGE_KEY, 'cases'] });
    } catch (e) {
      setError(localizedMessage(e));
    }
  };
  return (
    <Flex vertical gap={12} data-testid="kb-cases-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('knowledge.cases.title')}
        </Typography.Title>
        {can('knowledge.manage') && (
          <Flex gap={8}>
            <Button onClick={() => setEditingCategories(true)} data-testid="kb-categories-edit">
              {t('knowledge.cases.editCategories')}
            </Button>
            <Button type="primary" onClick={() => setDraft({})} data-testid="kb-case-new">
              {t('knowledge.cases.new')}
            </Button>
          </Flex>
        )}
      </Flex>
      {error && !draft && <Alert type="error" showIcon message={error} />}
      {unitId && (
        <CaseCategoriesEditor
          unitId={unitId}
          categories={categories.data?.items ?? []}
          open={editingCategories}
          onClose={() => setEditingCategories(false)}
        />
      )}
      <Segmented<KbCaseLibrary>
        value={library}
        onChange={setLibrary}
        options={(['quality', 'design'] as const).map((l) => ({
          value: l,
          label: t(`knowledge.cases.library.${l}`),
        }))}
      />
      <Card size="small">
        <Tabs
          activeKey={categoryId ?? 'all'}
          onChange={(k) => setCategoryId(k === 'all' ? undefined : k)}
          items={[
            { key: 'all', label: t('knowledge.filter.all') },
            ...(categories.data?.items ?? []).map((c) => ({ key: c.id, label: name(c) })),
          ]}
        />
        <ListTable<CaseView>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          expandable={{
            expandedRowRender: (c) => (
              <Flex vertical gap={4} style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text>{c.problem}</Typography.Text>
                {c.analysis && <Typography.Text type="secondary">{c.analysis}</Typography.Text>}
                {c.lessons && <Typography.Text strong>{c.lessons}</Typography.Text>}
                <CasePhotos caseId={c.id} canUpload={can('knowledge.manage')} />
              </Flex>
            ),
          }}
          columns={[
            { title: t('knowledge.cases.caseTitle'), render: (_, c) => <CellText text={c.title} /> },
            { title: t('knowledge.cases.lessons'), render: (_, c) => <CellText text={c.lessons} /> },
            { title: t('knowledge.cases.createdAt'), width: 150, render: (_, c) => formatTime(c.createdAt) },
          ]}
        />
      </Card>
      <Modal
        open={draft !== null}
        title={t('knowledge.cases.new')}
        onOk={() => form.submit()}
        onCancel={close}
        destroyOnHidden
        width={640}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        {draft !== null && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            onFinish={save}
            initialValues={{
              library,
              categoryId,
              title: draft.title,
              problem: draft.problem,
              analysis: draft.analysis,
            }}
          >
            <Form.Item name="library" label={t('knowledge.cases.libraryLabel')} rules={[{ required: true }]}>
              <Select
                options={(['quality', 'design'] as const).map((l) => ({
                  value: l,
                  label: t(`knowledge.cases.library.${l}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="categoryId" label={t('knowledge.cases.category')} rules={[{ required: true }]}>
              <Select
                options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: name(c) }))}
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('knowledge.cases.caseTitle')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name="problem"
              label={t('knowledge.cases.problem')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={10_000} />
            </Form.Item>
            <Form.Item name="analysis" label={t('knowledge.cases.analysis')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10_000} />
            </Form.Item>
            <Form.Item name="lessons" label={t('knowledge.cases.lessons')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10_000} />
            </Form.Item>
            <Form.Item label={t('knowledge.cases.photos')} extra={t('knowledge.cases.photosHint')}>
              <Upload
                accept="image/*"
                listType="picture-card"
                multiple
                fileList={photos}
                beforeUpload={() => false}
                onChange={({ fileList }) => setPhotos(fileList)}
                data-testid="kb-case-photo-input"
              >
                {t('knowledge.cases.addPhoto')}
              </Upload>
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Flex>
  );
}
