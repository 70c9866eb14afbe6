import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { caseCategorySchema } from '../../../shared/knowledge';
import { api, localizedMessage } from '../../api/client';
import { notifySuccess } from '../../lib/notify';
import { KNOWLEDGE_KEY } from './knowledge-api';

type Category = z.infer<typeof caseCategorySchema>;
interface Row {
  id?: string;
  nameZh: string;
  nameEn: string;
}

/**
 * KB-2: the company's case categories, editable — renamed, reordered, one added. A category is
 * never deleted (its cases keep it); the company's knowledge managers edit them.
 */
export function CaseCategoriesEditor({
  unitId,
  categories,
  open,
  onClose,
}: {
  unitId: string;
  categories: Category[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ categories: Row[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: { categories: Row[] }) => {
    setBusy(true);
    try {
      await api('/api/v1/knowledge/case-categories', {
        method: 'PUT',
        body: {
          unitId,
          categories: v.categories.map((c) => ({
            ...(c.id ? { id: c.id } : {}),
            nameZh: c.nameZh.trim(),
            nameEn: c.nameEn.trim(),
          })),
        },
      });
      notifySuccess(t('knowledge.cases.categoriesSaved'));
      await qc.invalidateQueries({ queryKey: [KNOWLEDGE_KEY] });
      setError(null);
      onClose();
    } catch (e) {
      setError(localizedMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('knowledge.cases.editCategories')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('knowledge.cases.categoriesHint')}</Typography.Paragraph>
      <Form
        form={form}
        onFinish={save}
        preserve={false}
        initialValues={{
          categories: categories.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
        }}
      >
        <Form.List name="categories">
          {(fields, { add, move }) => (
            <Flex vertical gap={4} data-testid="kb-categories-editor">
              {fields.map((f, i) => (
                <Space key={f.key} align="start">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'nameZh']} rules={[{ required: true, whitespace: true }]}>
                    <Input style={{ width: 220 }} maxLength={60} placeholder={t('knowledge.cases.nameZh')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'nameEn']} rules={[{ required: true, whitespace: true }]}>
                    <Input style={{ width: 220 }} maxLength={80} placeholder={t('knowledge.cases.nameEn')} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    aria-label={t('knowledge.cases.moveUp')}
                    onClick={() => move(i, i - 1)}
                  />
                  <Button
                    type="text"
                    icon={<ArrowDownOutlined />}
                    disabled={i === fields.length - 1}
                    aria-label={t('knowledge.cases.moveDown')}
                    onClick={() => move(i, i + 1)}
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= 30}
                onClick={() => add({ nameZh: '', nameEn: '' })}
              >
                {t('knowledge.cases.addCategory')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
