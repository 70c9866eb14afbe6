import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Empty,
  Image,
  Input,
  List,
  Segmented,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const API = '/api/v1/public/portal';
const TOKEN_KEY = 'kefu_portal_token';

interface RequestSummary {
  id: string;
  number: string;
  subject: string;
  state: string;
  receivedAt: string;
}
interface Photo {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}
interface RequestDetail extends RequestSummary {
  description: string | null;
  photos: Photo[];
  updates: { type: string; kind: string | null; text: string; at: string }[];
}
interface WorkOrderItem {
  id: string;
  number: string;
  type: string;
  state: string;
  appointment: { start: string; end: string } | null;
  createdAt: string;
}
interface SurveyItem {
  id: string;
  title: string;
  createdAt: string;
  expiresAt: string;
}
interface Answer {
  id: string;
  question: string;
  answer: string;
}
const ENDED = ['resolved', 'closed', 'cancelled'];
interface Me {
  phone: string;
  customers: { id: string; name: string }[];
  members: { customerId: string; memberNumber: string; level: string; balance: number }[];
}

class PortalError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// No cookie: the staff session stays out of the customer's requests, and the portal's own short
// session travels as a bearer token kept in this tab only (works the same in WeChat's browser).
async function call<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${API}${path}`, {
    method: body ? 'POST' : 'GET',
    credentials: 'omit',
    headers: {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new PortalError(res.status, String(json.message ?? res.statusText));
  return json as T;
}

/** A photo goes up as one multipart part; the server recognises it from its bytes. */
async function uploadPhoto(token: string, requestId: string, file: File): Promise<Photo> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`${API}/requests/${requestId}/photos`, {
    method: 'POST',
    credentials: 'omit',
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    body: form,
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new PortalError(res.status, String(json.message ?? res.statusText));
  return json as unknown as Photo;
}

/** Uploads the chosen photos one by one; what failed is reported, the rest is kept. */
async function uploadAll(token: string, requestId: string, files: File[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    try {
      await uploadPhoto(token, requestId, file);
    } catch (err) {
      problems.push(`${file.name}：${(err as Error).message}`);
    }
  }
  return problems;
}

/** The picker: the phone's own file chooser (camera or album); a plain input WeChat's browser has. */
function PhotoPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="portal-photo-input"
        onChange={(e) => {
          onChange([...files, ...Array.from(e.target.files ?? [])].slice(0, 9));
          e.target.value = '';
        }}
      />
      <Button block onClick={() => input.current?.click()} disabled={files.length >= 9}>
        {t('portal.photos.add')}（{files.length}/9）
      </Button>
      {files.length === 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('portal.photos.hint')}
        </Typography.Text>
      ) : (
        <Space wrap>
          {files.map((f, i) => (
            <Tag key={`${f.name}-${i}`} closable onClose={() => onChange(files.filter((_, j) => j !== i))}>
              {f.name.length > 16 ? `${f.name.slice(0, 14)}…` : f.name}
            </Tag>
          ))}
        </Space>
      )}
    </Space>
  );
}

/** A photo of mine, read with my bearer token (an <img> cannot send one) and shown from memory. */
function PhotoThumb({ token, photo }: { token: string; photo: Photo }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let revoked = false;
    let objectUrl: string | null = null;
    void fetch(`${API}/photos/${photo.id}`, {
      credentials: 'omit',
      headers: { authorization: `Bearer ${token}` },
    })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (!blob || revoked) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      });
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [token, photo.id]);
  return url ? (
    <Image src={url} width={96} height={96} style={{ objectFit: 'cover' }} alt={photo.fileName} />
  ) : (
    <div style={{ width: 96, height: 96, background: '#f0f0f0' }} />
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const send = useMutation({ mutationFn: () => call(`/codes`, null, { phone }) });
  const signIn = useMutation({
    mutationFn: () => call<{ token: string }>(`/sessions`, null, { phone, code }),
    onSuccess: (s) => onSignedIn(s.token),
  });
  const error = (send.error ?? signIn.error) as Error | null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Input
        size="large"
        inputMode="tel"
        placeholder={t('portal.phone')}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        data-testid="portal-phone"
      />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          inputMode="numeric"
          maxLength={6}
          placeholder={t('portal.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="portal-code"
        />
        <Button
          size="large"
          onClick={() => send.mutate()}
          loading={send.isPending}
          disabled={!phone}
          data-testid="portal-send-code"
        >
          {t('portal.sendCode')}
        </Button>
      </Space.Compact>
      {send.isSuccess && <Alert type="success" showIcon message={t('portal.codeSent')} />}
      {error && <Alert type="error" showIcon message={error.message} />}
      <Button
        type="primary"
        size="large"
        block
        disabled={code.length !== 6}
        loading={signIn.isPending}
        onClick={() => signIn.mutate()}
        data-testid="portal-sign-in"
      >
        {t('portal.signIn')}
      </Button>
    </Space>
  );
}

function NewRequest({
  token,
  onDone,
}: {
  token: string;
  onDone: (id: string, photoProblems: string[]) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('repair');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const submit = useMutation({
    mutationFn: async () => {
      const r = await call<RequestDetail>('/requests', token, { kind, description });
      return { id: r.id, problems: await uploadAll(token, r.id, files) };
    },
    onSuccess: (r) => onDone(r.id, r.problems),
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text>{t('portal.kind.label')}</Typography.Text>
      <Segmented
        block
        value={kind}
        onChange={(v) => setKind(String(v))}
        options={['repair', 'complaint', 'consultation', 'suggestion'].map((k) => ({
          value: k,
          label: t(`portal.kind.${k}`),
        }))}
      />
      <Input.TextArea
        rows={5}
        maxLength={2000}
        placeholder={t('portal.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        data-testid="portal-description"
      />
      <PhotoPicker files={files} onChange={setFiles} />
      {submit.error && <Alert type="error" showIcon message={(submit.error as Error).message} />}
      <Button
        type="primary"
        size="large"
        block
        disabled={description.trim().length < 2}
        loading={submit.isPending}
        onClick={() => submit.mutate()}
        data-testid="portal-submit"
      >
        {t('portal.submit')}
      </Button>
    </Space>
  );
}

function Detail({
  token,
  id,
  photoProblems,
  onBack,
}: {
  token: string;
  id: string;
  photoProblems: string[];
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState(photoProblems);
  const q = useQuery({
    queryKey: ['portal', 'request', id],
    queryFn: () => call<RequestDetail>(`/requests/${id}`, token),
  });
  const reply = useMutation({
    mutationFn: () => call<RequestDetail>(`/requests/${id}/replies`, token, { text }),
    onSuccess: (r) => {
      queryClient.setQueryData(['portal', 'request', id], r);
      setText('');
    },
  });
  const addPhotos = useMutation({
    mutationFn: () => uploadAll(token, id, files),
    onSuccess: (p) => {
      setProblems(p);
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: ['portal', 'request', id] });
    },
  });
  const r = q.data;
  const open = r ? !ENDED.includes(r.state) : false;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button onClick={onBack}>{t('portal.back')}</Button>
      {problems.map((p) => (
        <Alert key={p} type="warning" showIcon message={t('portal.photos.failed', { reason: p })} />
      ))}
      {r && (
        <Card
          size="small"
          title={`${r.subject} · ${r.number}`}
          extra={<Tag data-testid="portal-state">{t(`portal.state.${r.state}`)}</Tag>}
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
          {r.photos.length > 0 && (
            <>
              <Typography.Text type="secondary">{t('portal.photos.title')}</Typography.Text>
              <div data-testid="portal-photos" style={{ margin: '8px 0 16px' }}>
                <Image.PreviewGroup>
                  <Space wrap>
                    {r.photos.map((p) => (
                      <PhotoThumb key={p.id} token={token} photo={p} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              </div>
            </>
          )}
          <Typography.Title level={5}>{t('portal.updates')}</Typography.Title>
          {r.updates.length === 0 ? (
            <Typography.Text type="secondary">{t('portal.noUpdates')}</Typography.Text>
          ) : (
            <Timeline
              items={r.updates.map((u) => {
                const mine = u.type === 'customer_reply';
                return {
                  color: mine ? 'green' : 'blue',
                  children: (
                    <div data-testid={mine ? 'portal-my-reply' : 'portal-update'}>
                      <div style={{ whiteSpace: 'pre-wrap' }}>
                        {mine ? `${t('portal.reply.me')}：` : ''}
                        {u.text}
                      </div>
                      <Typography.Text type="secondary">{dayjs(u.at).format('MM-DD HH:mm')}</Typography.Text>
                    </div>
                  ),
                };
              })}
            />
          )}
          {open ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                placeholder={t('portal.reply.placeholder')}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="portal-reply"
              />
              {reply.error && <Alert type="error" showIcon message={(reply.error as Error).message} />}
              <Button
                type="primary"
                block
                disabled={text.trim() === ''}
                loading={reply.isPending}
                onClick={() => reply.mutate()}
                data-testid="portal-reply-send"
              >
                {t('portal.reply.send')}
              </Button>
              <PhotoPicker files={files} onChange={setFiles} />
              {files.length > 0 && (
                <Button block loading={addPhotos.isPending} onClick={() => addPhotos.mutate()}>
                  {t('portal.submit')}
                </Button>
              )}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('portal.reply.closed')}</Typography.Text>
          )}
        </Card>
      )}
    </Space>
  );
}

/** Opens one of my work orders or surveys on its customer page (signing, rating, answering happen there). */
function useOpenRecord(token: string) {
  return useMutation({
    mutationFn: (target: { kind: 'workorders' | 'surveys'; id: string }) =>
      call<{ path: string }>(`/${target.kind}/${target.id}/link`, token, {}),
    onSuccess: (link) => window.location.assign(link.path),
  });
}

function WorkOrders({ token }: { token: string }) {
  const { t } = useTranslation();
  const open = useOpenRecord(token);
  const q = useQuery({
    queryKey: ['portal', 'workorders'],
    queryFn: () => call<{ items: WorkOrderItem[] }>('/workorders', token),
  });
  if ((q.data?.items.length ?? 0) === 0) return <Empty description={t('portal.workorders.empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {open.error && <Alert type="error" showIcon message={(open.error as Error).message} />}
      <List
        dataSource={q.data?.items ?? []}
        renderItem={(o) => (
          <List.Item data-testid="portal-workorder">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>
                  {t(`portal.workorders.type.${o.type}`)} · {o.number}
                </Typography.Text>
                <Tag>{t(`portal.workorders.state.${o.state}`)}</Tag>
              </Space>
              <Typography.Text type="secondary">
                {o.appointment
                  ? t('portal.workorders.appointment', {
                      when: `${dayjs(o.appointment.start).format('MM-DD HH:mm')}–${dayjs(o.appointment.end).format('HH:mm')}`,
                    })
                  : t('portal.workorders.noAppointment')}
              </Typography.Text>
              <Button
                block
                loading={open.isPending && open.variables?.id === o.id}
                onClick={() => open.mutate({ kind: 'workorders', id: o.id })}
              >
                {t('portal.workorders.open')}
              </Button>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

function Surveys({ token }: { token: string }) {
  const { t } = useTranslation();
  const open = useOpenRecord(token);
  const q = useQuery({
    queryKey: ['portal', 'surveys'],
    queryFn: () => call<{ items: SurveyItem[] }>('/surveys', token),
  });
  if ((q.data?.items.length ?? 0) === 0) return <Empty description={t('portal.surveys.empty')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {open.error && <Alert type="error" showIcon message={(open.error as Error).message} />}
      <List
        dataSource={q.data?.items ?? []}
        renderItem={(s) => (
          <List.Item
            data-testid="portal-survey"
            extra={
              <Button
                type="primary"
                loading={open.isPending && open.variables?.id === s.id}
                onClick={() => open.mutate({ kind: 'surveys', id: s.id })}
              >
                {t('portal.surveys.answer')}
              </Button>
            }
          >
            <List.Item.Meta
              title={s.title}
              description={t('portal.surveys.until', { when: dayjs(s.expiresAt).format('MM-DD HH:mm') })}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 常见问题: the answers the company posts for its customers (approved, current, public). */
function Faq({ token }: { token: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const answers = useQuery({
    queryKey: ['portal', 'answers'],
    queryFn: () => call<{ items: Answer[] }>('/answers', token),
  });
  const needle = q.trim().toLowerCase();
  const shown = (answers.data?.items ?? []).filter(
    (a) => !needle || a.question.toLowerCase().includes(needle) || a.answer.toLowerCase().includes(needle),
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('portal.faq.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="portal-faq-search"
      />
      {shown.length === 0 ? (
        <Empty description={t('portal.faq.empty')} />
      ) : (
        <Collapse
          data-testid="portal-faq"
          items={shown.map((a) => ({
            key: a.id,
            label: a.question,
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {a.answer}
              </Typography.Paragraph>
            ),
          }))}
        />
      )}
    </Space>
  );
}

function Home({
  token,
  onSignOut,
  initialTab = 'requests',
}: {
  token: string;
  onSignOut: () => void;
  initialTab?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [view, setView] = useState<
    { kind: 'tab'; tab: string } | { kind: 'detail'; id: string; photoProblems: string[] }
  >({ kind: 'tab', tab: initialTab });
  const me = useQuery({ queryKey: ['portal', 'me'], queryFn: () => call<Me>('/me', token), retry: false });
  const list = useQuery({
    queryKey: ['portal', 'requests'],
    queryFn: () => call<{ items: RequestSummary[] }>('/requests', token),
    retry: false,
  });
  if ((me.error as PortalError | null)?.status === 401 || (list.error as PortalError | null)?.status === 401)
    onSignOut();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text>
          {me.data?.customers.map((c) => c.name).join('、')} {me.data?.phone}
        </Typography.Text>
        <Button size="small" onClick={onSignOut}>
          {t('portal.signOut')}
        </Button>
      </Space>
      {me.data?.members.map((m) => (
        <Alert
          key={m.memberNumber}
          type="info"
          message={`${t('portal.points')}：${m.balance}（${m.memberNumber}）`}
        />
      ))}
      {view.kind === 'detail' ? (
        <Detail
          token={token}
          id={view.id}
          photoProblems={view.photoProblems}
          onBack={() => setView({ kind: 'tab', tab: 'requests' })}
        />
      ) : (
        <Tabs
          activeKey={view.tab}
          onChange={(tab) => setView({ kind: 'tab', tab })}
          size="small"
          // Five tabs fit a 375 px phone only with a narrower gap than antd's 32 px.
          tabBarGutter={14}
          items={[
            {
              key: 'requests',
              label: t('portal.tabs.requests'),
              children:
                (list.data?.items.length ?? 0) === 0 ? (
                  <Empty description={t('portal.noRequests')} />
                ) : (
                  <List
                    dataSource={list.data?.items ?? []}
                    renderItem={(r) => (
                      <List.Item
                        onClick={() => setView({ kind: 'detail', id: r.id, photoProblems: [] })}
                        style={{ cursor: 'pointer' }}
                        data-testid="portal-request"
                      >
                        <List.Item.Meta
                          title={`${r.subject} · ${r.number}`}
                          description={dayjs(r.receivedAt).format('YYYY-MM-DD HH:mm')}
                        />
                        <Tag>{t(`portal.state.${r.state}`)}</Tag>
                      </List.Item>
                    )}
                  />
                ),
            },
            {
              key: 'new',
              label: <span data-testid="portal-tab-new">{t('portal.tabs.new')}</span>,
              children: (
                <NewRequest
                  token={token}
                  onDone={(id, photoProblems) => {
                    void queryClient.invalidateQueries({ queryKey: ['portal', 'requests'] });
                    setView({ kind: 'detail', id, photoProblems });
                  }}
                />
              ),
            },
            { key: 'workorders', label: t('portal.tabs.workorders'), children: <WorkOrders token={token} /> },
            { key: 'surveys', label: t('portal.tabs.surveys'), children: <Surveys token={token} /> },
            {
              key: 'faq',
              label: <span data-testid="portal-tab-faq">{t('portal.tabs.faq')}</span>,
              children: <Faq token={token} />,
            },
          ]}
        />
      )}
    </Space>
  );
}

const OA_BIND_KEY = 'kefu_portal_oa_bind';
/** A menu link's page in the portal's tabs. */
const OA_TABS: Record<string, string> = { portal: 'requests', workorder: 'workorders', survey: 'surveys' };

/**
 * What an official-account menu link left in the address's fragment (issue 22): a session for a
 * follower already bound, a bind waiting for the one-time code, or why it failed. Read once and
 * removed from the address bar.
 */
function takeMenuLinkFragment() {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  if (![...hash.keys()].some((k) => k.startsWith('oa_'))) return { tab: undefined, error: null };
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const tab = OA_TABS[hash.get('tab') ?? ''];
  const session = hash.get('oa_session');
  if (session && /^[A-Za-z0-9_-]{43}$/.test(session)) sessionStorage.setItem(TOKEN_KEY, session);
  if (hash.get('oa_bind')) sessionStorage.setItem(OA_BIND_KEY, '1');
  return { tab, error: hash.get('oa_error') };
}

/** Binds the follower waiting in this browser (its cookie) to the number just proven. */
async function bindFollower(token: string): Promise<void> {
  const res = await fetch('/api/v1/public/oa/bind', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: '{}',
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new PortalError(res.status, String(json.message ?? res.statusText));
}

/** 客户自助服务 (PORTAL-1): mobile-first, one column, plain controls that WeChat's browser has. */
export function PortalPage() {
  const { t } = useTranslation();
  const [menuLink] = useState(takeMenuLinkFragment);
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [oaNote, setOaNote] = useState<{ type: 'success' | 'error'; text: string } | null>(() =>
    menuLink.error
      ? {
          type: 'error',
          text: t(
            menuLink.error === 'auth.oauth_code_reused' || menuLink.error === 'auth.oauth_state_invalid'
              ? 'portal.oa.again'
              : 'portal.oa.failed',
          ),
        }
      : null,
  );
  const signIn = (value: string) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setToken(value);
    if (sessionStorage.getItem(OA_BIND_KEY)) {
      sessionStorage.removeItem(OA_BIND_KEY);
      bindFollower(value).then(
        () => setOaNote({ type: 'success', text: t('portal.oa.bound') }),
        (err: Error) => setOaNote({ type: 'error', text: err.message }),
      );
    }
  };
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  };
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <main
        style={{
          maxWidth: 480,
          margin: '0 auto',
          padding: '20px 16px 40px',
          background: '#fff',
          minHeight: '100vh',
        }}
      >
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('portal.title')}
        </Typography.Title>
        {oaNote ? (
          <Alert
            type={oaNote.type}
            showIcon
            title={oaNote.text}
            style={{ marginBottom: 12 }}
            data-testid="portal-oa-note"
          />
        ) : sessionStorage.getItem(OA_BIND_KEY) && !token ? (
          <Alert type="info" showIcon title={t('portal.oa.bindFirst')} style={{ marginBottom: 12 }} />
        ) : null}
        {token ? (
          <Home token={token} onSignOut={signOut} initialTab={menuLink.tab} />
        ) : (
          <SignIn onSignedIn={signIn} />
        )}
      </main>
    </div>
  );
}
