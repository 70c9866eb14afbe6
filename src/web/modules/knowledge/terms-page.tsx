import { useEffect } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { notifySuccess, showError } from '../../lib/notify';
import { KNOWLEDGE_KEY } from './knowledge-api';

interface Terms {
  words: string[];
  synonyms: string[][];
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * KB-3: the company's word list — product and place names the segmenter keeps whole (one a line)
 * and synonym groups (one group a line, words separated by spaces or commas) used by suggestions.
 */
export function TermsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { unitId } = useCurrentUnit();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ words: string; synonyms: string }>();
  const key = [KNOWLEDGE_KEY, 'terms', unitId];
  const terms = useQuery({
    queryKey: key,
    enabled: !!unitId,
    queryFn: () => get<Terms>('/api/v1/knowledge/terms', { unitId: unitId ?? '' }),
  });
  useEffect(() => {
    if (terms.data)
      form.setFieldsValue({
        words: terms.data.words.join('\n'),
        synonyms: terms.data.synonyms.map((g) => g.join(' ')).join('\n'),
      });
  }, [terms.data, form]);
  const save = useMutation({
    mutationFn: (v: { words: string; synonyms: string }) =>
      api<Terms>(`/api/v1/knowledge/terms?unitId=${unitId ?? ''}`, {
        method: 'PUT',
        body: {
          words: lines(v.words),
          synonyms: lines(v.synonyms).map((l) => l.split(/[\s,，、]+/).filter(Boolean)),
        },
      }),
    onSuccess: async () => {
      notifySuccess(t('knowledge.terms.saved'));
      await qc.invalidateQueries({ queryKey: [KNOWLEDGE_KEY] });
    },
    onError: showError,
  });
  const manage = can('knowledge.manage');
  return (
    <Card title={t('knowledge.terms.title')} loading={terms.isLoading} data-testid="kb-terms-page">
      <Typography.Paragraph type="secondary">{t('knowledge.terms.note')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!manage}>
        <Form.Item name="words" label={t('knowledge.terms.words')} extra={t('knowledge.terms.wordsHint')}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} data-testid="kb-terms-words" />
        </Form.Item>
        <Form.Item
          name="synonyms"
          label={t('knowledge.terms.synonyms')}
          extra={t('knowledge.terms.synonymsHint')}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 20 }} data-testid="kb-terms-synonyms" />
        </Form.Item>
        {manage && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="kb-terms-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
