import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Segmented, Space, Tag, Timeline, Typography } from 'antd';
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
interface RequestDetail extends RequestSummary {
  description: string | null;
  updates: { type: string; kind: string | null; text: string; at: string }[];
}
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

function NewRequest({ token, onDone }: { token: string; onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('repair');
  const [description, setDescription] = useState('');
  const submit = useMutation({
    mutationFn: () => call<RequestDetail>('/requests', token, { kind, description }),
    onSuccess: (r) => onDone(r.id),
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

function Detail({ token, id, onBack }: { token: string; id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['portal', 'request', id],
    queryFn: () => call<RequestDetail>(`/requests/${id}`, token),
  });
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button onClick={onBack}>{t('portal.back')}</Button>
      {r && (
        <Card
          size="small"
          title={`${r.subject} · ${r.number}`}
          extra={<Tag data-testid="portal-state">{t(`portal.state.${r.state}`)}</Tag>}
        >
          <Typography.Paragraph>{r.description}</Typography.Paragraph>
          <Typography.Title level={5}>{t('portal.updates')}</Typography.Title>
          {r.updates.length === 0 ? (
            <Typography.Text type="secondary">{t('portal.noUpdates')}</Typography.Text>
          ) : (
            <Timeline
              items={r.updates.map((u) => ({
                children: (
                  <div data-testid="portal-update">
                    <div>{u.text}</div>
                    <Typography.Text type="secondary">{dayjs(u.at).format('MM-DD HH:mm')}</Typography.Text>
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      )}
    </Space>
  );
}

function Home({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [view, setView] = useState<{ kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string }>({
    kind: 'list',
  });
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
        <Detail token={token} id={view.id} onBack={() => setView({ kind: 'list' })} />
      ) : (
        <>
          <Segmented
            block
            value={view.kind}
            onChange={(v) => setView(v === 'new' ? { kind: 'new' } : { kind: 'list' })}
            options={[
              { value: 'list', label: t('portal.myRequests') },
              { value: 'new', label: t('portal.newRequest') },
            ]}
          />
          {view.kind === 'new' ? (
            <NewRequest
              token={token}
              onDone={(id) => {
                void queryClient.invalidateQueries({ queryKey: ['portal', 'requests'] });
                setView({ kind: 'detail', id });
              }}
            />
          ) : (list.data?.items.length ?? 0) === 0 ? (
            <Empty description={t('portal.noRequests')} />
          ) : (
            <List
              dataSource={list.data?.items ?? []}
              renderItem={(r) => (
                <List.Item
                  onClick={() => setView({ kind: 'detail', id: r.id })}
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
          )}
        </>
      )}
    </Space>
  );
}

/** 客户自助服务 (PORTAL-1): mobile-first, one column, plain controls that WeChat's browser has. */
export function PortalPage() {
  const { t } = useTranslation();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const signIn = (value: string) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setToken(value);
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
        {token ? <Home token={token} onSignOut={signOut} /> : <SignIn onSignedIn={signIn} />}
      </main>
    </div>
  );
}
