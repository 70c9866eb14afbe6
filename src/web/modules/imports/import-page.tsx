import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Progress,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, get, post } from '../../api/client';
import type { ItemList } from '../../api/types';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { downloadFile } from '../../lib/download';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import type { ImportJobView } from '../../../shared/imports';

type Kind = ImportJobView['kind'];
type Mapping = Record<string, number>;

interface Field {
  key: string;
  zh: string;
  en: string;
  required: boolean;
}
interface PreviewRow {
  row: number;
  cells: (string | null)[];
  problems: string[];
}
interface Preview {
  job: ImportJobView;
  fields: Field[];
  mappingProblems: string[];
  rows: PreviewRow[];
}

const BASE = '/api/v1/imports';
const ACTIVE = new Set<ImportJobView['status']>(['queued', 'running']);

function StatusTag({ status }: { status: ImportJobView['status'] }) {
  const { t } = useTranslation();
  const color = {
    uploaded: 'default',
    queued: 'processing',
    running: 'processing',
    done: 'success',
    failed: 'error',
  }[status];
  return <Tag color={color}>{t(`imports.status.${status}`)}</Tag>;
}

function ReportButton({ job }: { job: ImportJobView }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-testid="import-report"
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(`${BASE}/${job.id}/report.xlsx`, {}, `${t('imports.reportFile')}.xlsx`);
        } catch (error) {
          showError(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('imports.report')}
    </Button>
  );
}

/** The kinds the person may import: customers and assets with customers.import, orders with orders.import. */
function useKinds(): Kind[] {
  const can = useCan();
  return [
    ...(can('customers.import') ? (['customers', 'assets'] as const) : []),
    ...(can('orders.import') ? (['orders'] as const) : []),
  ];
}

/** Step 1: the kind, the unit and the file (dropped or chosen). */
function UploadStep({ onUploaded }: { onUploaded: (job: ImportJobView) => void }) {
  const { t } = useTranslation();
  const { unitId: currentUnit } = useCurrentUnit();
  const kinds = useKinds();
  const [params] = useSearchParams();
  const asked = params.get('kind') as Kind | null;
  const [kind, setKind] = useState<Kind>(asked && kinds.includes(asked) ? asked : (kinds[0] ?? 'customers'));
  const [unitId, setUnitId] = useState<string | undefined>(currentUnit);
  const upload = useMutation({
    mutationFn: (file: File) => {
      // The server reads the fields before the file.
      const form = new FormData();
      form.append('unitId', unitId ?? '');
      form.append('kind', kind);
      form.append('file', file, file.name);
      return api<{ job: ImportJobView; repeated: boolean }>(BASE, { method: 'POST', body: form });
    },
    onSuccess: (r) => {
      if (r.repeated) notifySuccess(t('imports.repeated'));
      onUploaded(r.job);
    },
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label={t('imports.kind.label')}>
          <Select<Kind>
            value={kind}
            onChange={setKind}
            style={{ width: 240 }}
            data-testid="import-kind"
            options={kinds.map((k) => ({
              value: k,
              label: t(`imports.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('imports.unit')}>
          <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v ?? undefined)} style={{ width: 240 }} />
        </Form.Item>
      </Form>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={!unitId || upload.isPending}
        customRequest={({ file }) => upload.mutate(file as File)}
        data-testid="import-drop"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('imports.drop')}</p>
        <p className="ant-upload-hint">{t('imports.dropHint')}</p>
      </Upload.Dragger>
      {kind === 'orders' && (
        <Alert type="info" showIcon title={t('imports.ordersHint')} data-testid="import-orders-hint" />
      )}
    </Space>
  );
}

/** Steps 2 and 3: the column mapping (remembered one preselected), then the first rows checked. */
function MappingStep({
  job,
  onStarted,
  previewing,
  setPreviewing,
}: {
  job: ImportJobView;
  onStarted: (job: ImportJobView) => void;
  previewing: boolean;
  setPreviewing: (v: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const queryClient = useQueryClient();
  const [edited, setMapping] = useState<Mapping | null>(null);
  // The server's suggestion (or the job's own mapping), with the fields to fill.
  const initial = useQuery({
    queryKey: ['imports', job.id, 'fields'],
    queryFn: () => post<Preview>(`${BASE}/${job.id}/preview`, {}),
  });
  // Until the person changes it, the mapping is the server's (remembered or suggested).
  const mapping = edited ?? initial.data?.job.mapping ?? null;
  const preview = useMutation({
    mutationFn: async (m: Mapping) => {
      const p = await post<Preview>(`${BASE}/${job.id}/preview`, { mapping: m });
      // A complete mapping is kept with the job (and remembered), so the report checks the same.
      if (p.mappingProblems.length === 0)
        await api(`${BASE}/${job.id}/mapping`, { method: 'PUT', body: { mapping: m } });
      return p;
    },
    onSuccess: (p) => {
      if (p.mappingProblems.length === 0) setPreviewing(true);
    },
  });
  const start = useMutation({
    mutationFn: () => post<ImportJobView>(`${BASE}/${job.id}/start`),
    onSuccess: async (j) => {
      await queryClient.invalidateQueries({ queryKey: ['imports'] });
      onStarted(j);
    },
  });
  const fields = initial.data?.fields ?? [];
  const headerOptions = job.headers.map((h, i) => ({
    value: i,
    label: t('imports.mapping.columnOption', { n: i + 1, header: h || '—' }),
  }));

  if (previewing && preview.data) {
    const p = preview.data;
    const bad = p.rows.filter((r) => r.problems.length > 0).length;
    const columns: TableColumnsType<PreviewRow> = [
      { title: t('imports.preview.row'), dataIndex: 'row', width: 64, fixed: 'left' },
      ...job.headers.map((h, i) => ({
        title: h,
        key: String(i),
        width: 130,
        render: (_: unknown, r: PreviewRow) => r.cells[i] ?? '',
      })),
      {
        title: t('imports.preview.problems'),
        key: 'problems',
        width: 320,
        render: (_: unknown, r: PreviewRow) =>
          r.problems.length === 0 ? (
            <Typography.Text type="success">{t('imports.preview.ok')}</Typography.Text>
          ) : (
            <Space orientation="vertical" size={0}>
              {r.problems.map((x) => (
                <Typography.Text key={x} type="danger">
                  {x}
                </Typography.Text>
              ))}
            </Space>
          ),
      },
    ];
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type={bad > 0 ? 'warning' : 'info'}
          showIcon
          title={
            bad > 0
              ? t('imports.preview.withProblems', { n: p.rows.length, bad })
              : t('imports.preview.hint', { n: p.rows.length })
          }
          description={bad > 0 ? t('imports.preview.hint', { n: p.rows.length }) : undefined}
        />
        <Table<PreviewRow>
          rowKey="row"
          size="small"
          columns={columns}
          dataSource={p.rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.problems.length > 0 ? 'import-row-bad' : '')}
          onRow={(r) => ({
            style: r.problems.length > 0 ? { background: '#fff1f0' } : undefined,
            'data-testid': r.problems.length > 0 ? 'preview-row-bad' : 'preview-row-ok',
          })}
          data-testid="import-preview"
        />
        <Space>
          <Button onClick={() => setPreviewing(false)}>{t('imports.preview.backToMapping')}</Button>
          <ReportButton job={job} />
          <Button
            type="primary"
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="import-start"
          >
            {t('imports.preview.start')}
          </Button>
        </Space>
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('imports.fileInfo', { name: job.fileName, rows: job.totalRows })}</Typography.Text>
      <Alert type="info" showIcon title={t('imports.mapping.hint')} />
      <Table<Field>
        rowKey="key"
        size="small"
        loading={initial.isLoading}
        pagination={false}
        dataSource={fields}
        style={{ maxWidth: 640 }}
        columns={[
          {
            title: t('imports.mapping.field'),
            key: 'field',
            width: 200,
            render: (_, f) => (
              <span>
                {f.required && <Typography.Text type="danger">* </Typography.Text>}
                {zh ? f.zh : f.en}
              </span>
            ),
          },
          {
            title: t('imports.mapping.column'),
            key: 'column',
            render: (_, f) => (
              <Select<number>
                allowClear
                style={{ width: 300 }}
                placeholder={t('imports.mapping.none')}
                value={mapping?.[f.key]}
                status={f.required && mapping?.[f.key] === undefined ? 'error' : undefined}
                data-testid={`map-${f.key}`}
                options={headerOptions}
                onChange={(v) =>
                  setMapping(() => {
                    const next = { ...(mapping ?? {}) };
                    if (v === undefined || v === null) delete next[f.key];
                    else next[f.key] = v;
                    return next;
                  })
                }
              />
            ),
          },
        ]}
      />
      {preview.data && preview.data.mappingProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={
            <Space orientation="vertical" size={0}>
              {preview.data.mappingProblems.map((x) => (
                <span key={x}>{x}</span>
              ))}
            </Space>
          }
        />
      )}
      <Button
        type="primary"
        disabled={mapping === null}
        loading={preview.isPending}
        onClick={() => mapping && preview.mutate(mapping)}
        data-testid="import-preview-button"
      >
        {t('imports.mapping.preview')}
      </Button>
    </Space>
  );
}

/** Steps 4 and 5: the progress bar while the job runs (polled), then the summary. */
function RunStep({ job, onAgain }: { job: ImportJobView; onAgain: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const resume = useMutation({
    mutationFn: () => post<ImportJobView>(`${BASE}/${job.id}/start`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['imports', job.id] }),
  });
  const percent = job.totalRows === 0 ? 0 : Math.floor((job.done / job.totalRows) * 100);
  if (job.status === 'done')
    return (
      <Result
        status="success"
        title={t('imports.result.title')}
        subTitle={job.fileName}
        data-testid="import-result"
        extra={
          <Space orientation="vertical" size="large">
            <Descriptions bordered size="small" column={4}>
              <Descriptions.Item label={t('imports.result.total')}>{job.totalRows}</Descriptions.Item>
              <Descriptions.Item label={t('imports.result.imported')}>
                <span data-testid="import-imported">{job.imported}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('imports.result.skipped')}>
                <span data-testid="import-skipped">{job.skipped}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('imports.result.invalid')}>
                <span data-testid="import-invalid">{job.invalid}</span>
              </Descriptions.Item>
            </Descriptions>
            <Space>
              {job.invalid + job.skipped > 0 && <ReportButton job={job} />}
              <Button onClick={onAgain}>{t('imports.result.again')}</Button>
              <Link to={job.kind === 'orders' ? '/orders' : '/customers'}>
                <Button type="primary">
                  {t(job.kind === 'orders' ? 'imports.result.toOrders' : 'imports.result.toList')}
                </Button>
              </Link>
            </Space>
          </Space>
        }
      />
    );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{job.fileName}</Typography.Text>
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : 'active'}
        data-testid="import-progress"
      />
      <Typography.Text type="secondary">
        {t('imports.progress', { done: job.done, total: job.totalRows })}
      </Typography.Text>
      {job.status === 'failed' ? (
        <Alert
          type="error"
          showIcon
          title={t('imports.failed', { error: job.error ?? '' })}
          action={
            <Button size="small" loading={resume.isPending} onClick={() => resume.mutate()}>
              {t('imports.resume')}
            </Button>
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('imports.running')} />
      )}
    </Space>
  );
}

function RecentImports({ items, onOpen }: { items: ImportJobView[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('imports.recent.title')} style={{ marginTop: 24 }}>
      <Table<ImportJobView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items.slice(0, 10)}
        columns={[
          { title: t('imports.recent.file'), dataIndex: 'fileName' },
          {
            title: t('imports.recent.kind'),
            dataIndex: 'kind',
            width: 180,
            render: (k: Kind) => t(`imports.kind.${k}`),
          },
          { title: t('imports.recent.rows'), dataIndex: 'totalRows', width: 80, align: 'right' },
          {
            title: t('imports.recent.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: ImportJobView['status']) => <StatusTag status={s} />,
          },
          {
            title: t('imports.recent.at'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
          {
            title: '',
            key: 'open',
            width: 80,
            render: (_, j) => (
              <Button type="link" size="small" onClick={() => onOpen(j.id)}>
                {t('imports.recent.open')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

/**
 * 批量导入 (CUS-5): upload → column mapping → preview with problems → import the valid rows with a
 * progress bar → summary. The job is in the address (?job=), so an import left running shows its
 * progress again on return; an unfinished one is offered on the empty page.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [previewing, setPreviewing] = useState(false);
  const open = (id: string | null) => {
    setPreviewing(false);
    setParams(id ? { job: id } : {}, { replace: false });
  };
  const recent = useQuery({
    queryKey: ['imports', 'list'],
    queryFn: () => get<ItemList<ImportJobView>>(BASE),
    enabled: jobId === null,
  });
  const job = useQuery({
    queryKey: ['imports', jobId],
    queryFn: () => get<ImportJobView>(`${BASE}/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.status) ? 1000 : false),
  });
  useEffect(() => {
    if (job.error) showError(job.error);
  }, [job.error]);
  const current = jobId ? job.data : undefined;
  const step = !current
    ? 0
    : current.status === 'uploaded'
      ? previewing
        ? 2
        : 1
      : current.status === 'done'
        ? 4
        : 3;
  const unfinished = useMemo(
    () => (recent.data?.items ?? []).find((j) => ACTIVE.has(j.status) || j.status === 'failed'),
    [recent.data],
  );

  return (
    <Card
      title={t('imports.title')}
      extra={
        <Link to="/customers">
          <Button>{t('imports.back')}</Button>
        </Link>
      }
    >
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={(['upload', 'mapping', 'preview', 'run', 'result'] as const).map((s) => ({
          title: t(`imports.steps.${s}`),
        }))}
      />
      {!jobId && (
        <>
          {unfinished && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="import-unfinished"
              title={t('imports.recent.unfinished', {
                name: unfinished.fileName,
                status: t(`imports.status.${unfinished.status}`),
              })}
              action={
                <Button size="small" onClick={() => open(unfinished.id)}>
                  {t('imports.recent.open')}
                </Button>
              }
            />
          )}
          <UploadStep onUploaded={(j) => open(j.id)} />
          <RecentImports items={recent.data?.items ?? []} onOpen={open} />
        </>
      )}
      {current && current.status === 'uploaded' && (
        <MappingStep
          key={current.id}
          job={current}
          previewing={previewing}
          setPreviewing={setPreviewing}
          onStarted={() => void job.refetch()}
        />
      )}
      {current && current.status !== 'uploaded' && <RunStep job={current} onAgain={() => open(null)} />}
    </Card>
  );
}
