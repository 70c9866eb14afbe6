import { Button, Flex, Image, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import type { ItemList } from '../../api/types';
import { notifySuccess, showError } from '../../lib/notify';

interface Photo {
  id: string;
  fileName: string;
  contentType: string;
  contentUrl: string;
}

const ATTACHMENTS = '/api/v1/attachments';
const photosKey = (caseId: string) => ['attachments', 'kb_case', caseId];

/** Sends one photo of a case (KB-2) to the attachments module, which checks its type and size. */
export function uploadCasePhoto(caseId: string, file: File) {
  const form = new FormData();
  form.append('subjectType', 'kb_case');
  form.append('subjectId', caseId);
  form.append('file', file, file.name);
  return api<Photo>(ATTACHMENTS, { method: 'POST', body: form });
}

/** A case's photos kept as evidence (KB-2), as thumbnails that open full size; writers add more. */
export function CasePhotos({ caseId, canUpload }: { caseId: string; canUpload: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: photosKey(caseId),
    queryFn: ({ signal }) =>
      get<ItemList<Photo>>(ATTACHMENTS, { subjectType: 'kb_case', subjectId: caseId }, signal),
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadCasePhoto(caseId, file),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('knowledge.cases.photoUploaded'));
      await qc.invalidateQueries({ queryKey: photosKey(caseId) });
    },
    onError: showError,
  });
  const items = list.data?.items ?? [];
  return (
    <Flex gap={8} wrap align="center" data-testid="kb-case-photos">
      <Typography.Text type="secondary">{t('knowledge.cases.photos')}</Typography.Text>
      <Image.PreviewGroup>
        {items
          .filter((p) => p.contentType.startsWith('image/'))
          .map((p) => (
            <Image
              key={p.id}
              src={p.contentUrl}
              alt={p.fileName}
              width={72}
              height={72}
              style={{ objectFit: 'cover' }}
            />
          ))}
      </Image.PreviewGroup>
      {items.length === 0 && !list.isLoading && (
        <Typography.Text type="secondary">{t('knowledge.cases.noPhotos')}</Typography.Text>
      )}
      {canUpload && (
        <Upload
          accept="image/*"
          showUploadList={false}
          customRequest={({ file }) => upload.mutate(file as File)}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
            {t('knowledge.cases.addPhoto')}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
