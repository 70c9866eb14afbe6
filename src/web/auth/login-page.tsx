import { Alert, Button, Card, Divider, Flex, Form, Input, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { get, localizedMessage, post } from '../api/client';
import { ApiError } from '../api/errors';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../app/language-switch';
import { dingTalkAuthCode, isDingTalk, loadScript, type DingTalkJsapi } from './dingtalk-in-app';
import { ME_KEY } from './use-me';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

const SSO_ERRORS = new Set([
  'auth.sso_unbound',
  'auth.account_disabled',
  'auth.oauth_state_invalid',
  'auth.oauth_code_reused',
  'auth.oauth_code_invalid',
  'auth.sso_not_configured',
  'auth.sso_identity_taken',
]);

interface SsoOptions {
  providers: ('wecom' | 'dingtalk')[];
  dingtalkInApp: { corpId: string; jsapiUrl: string } | null;
}

const useSsoOptions = () =>
  useQuery({
    queryKey: ['auth', 'sso'],
    queryFn: ({ signal }) => get<SsoOptions>('/api/v1/auth/sso', undefined, signal),
    meta: { silent: true },
  });

const ssoErrorKey = (code: string) =>
  SSO_ERRORS.has(code) ? `login.ssoErrors.${code.replace('auth.', '')}` : 'login.ssoErrors.other';

/**
 * Inside the DingTalk app: signs in without a click, with the free-login code DingTalk's JSAPI
 * gives the page. Refusals show the browser flow's messages; the password form stays usable.
 */
function DingTalkSilentSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const options = useSsoOptions();
  const config = options.data?.dingtalkInApp ?? null;
  const inDingTalk = isDingTalk(navigator.userAgent);
  const [failed, setFailed] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!config || !inDingTalk || started.current) return;
    started.current = true;
    dingTalkAuthCode(config, {
      userAgent: navigator.userAgent,
      load: loadScript,
      jsapi: () => (window as unknown as { dd?: DingTalkJsapi }).dd,
    })
      .then(
        (authCode) => post<{ ok: true }>('/api/v1/auth/sso/dingtalk/in-app', { code: authCode }),
        () => {
          throw new Error('jsapi');
        },
      )
      .then(onSignedIn)
      .catch((err: unknown) =>
        setFailed(err instanceof ApiError ? ssoErrorKey(err.code) : 'login.dingtalkJsapiFailed'),
      );
  }, [config, inDingTalk, onSignedIn]);
  if (!config || !inDingTalk) return null;
  return failed ? (
    <Alert
      data-testid="login-dingtalk-error"
      type="error"
      showIcon
      title={t(failed)}
      style={{ marginBottom: 16 }}
    />
  ) : (
    <Alert
      data-testid="login-dingtalk-working"
      type="info"
      showIcon
      icon={<Spin size="small" />}
      title={t('login.dingtalkSilent')}
      style={{ marginBottom: 16 }}
    />
  );
}

/** 企业微信登录 / 钉钉登录: shown only for the apps an administrator turned sign-in on for. */
function SsoButtons() {
  const { t } = useTranslation();
  const providers = useSsoOptions();
  const list = providers.data?.providers ?? [];
  if (list.length === 0) return null;
  return (
    <>
      <Divider plain>{t('login.or')}</Divider>
      <Flex vertical gap={8}>
        {list.map((p) => (
          <Button
            key={p}
            block
            size="large"
            href={`/api/v1/auth/sso/${p}/start`}
            data-testid={`login-sso-${p}`}
          >
            {t(`login.${p}`)}
          </Button>
        ))}
      </Flex>
    </>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (c: Credentials) => post<{ me: Me }>('/api/v1/auth/login', c),
    meta: { silent: true }, // shown on the form
    onSuccess: ({ me }) => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  const next = params.get('next');
  const signedInElsewhere = useCallback(() => {
    queryClient.clear();
    void navigate(safeNext(next), { replace: true });
  }, [queryClient, navigate, next]);

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap={24}
      style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}
    >
      <Flex vertical align="center" gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('app.brand')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card title={t('login.title')} extra={<LanguageSwitch />} style={{ width: 380, maxWidth: '100%' }}>
        {params.get('expired') && !login.isError && (
          <Alert
            data-testid="login-expired"
            type="warning"
            showIcon
            title={t('login.expired')}
            style={{ marginBottom: 16 }}
          />
        )}
        {params.get('sso_error') && !login.isError && (
          <Alert
            data-testid="login-sso-error"
            type="error"
            showIcon
            title={t(ssoErrorKey(params.get('sso_error')!))}
            style={{ marginBottom: 16 }}
          />
        )}
        {!params.get('sso_error') && <DingTalkSilentSignIn onSignedIn={signedInElsewhere} />}
        {login.isError && (
          <Alert
            data-testid="login-error"
            type="error"
            showIcon
            title={localizedMessage(login.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Credentials> layout="vertical" onFinish={(c) => login.mutate(c)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <SsoButtons />
      </Card>
    </Flex>
  );
}
