import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { onUnauthenticated } from '../api/client';
import { ME_KEY } from '../auth/use-me';
import { createQueryClient } from './query-client';
import { createRouter } from './router';
import { MessageBridge } from './app-shell';

function createApp() {
  const queryClient = createQueryClient();
  const router = createRouter();
  onUnauthenticated(() => {
    const { pathname, search } = router.state.location;
    if (pathname === '/login') return;
    // Someone was signed in a moment ago: the session expired (or was ended elsewhere), which the
    // login page says, rather than a first visit; drafts in local storage wait for the same user.
    const expired = queryClient.getQueryData(ME_KEY) !== undefined;
    queryClient.clear(); // nothing from the old session may leak into the next one
    const params = new URLSearchParams();
    if (pathname !== '/') params.set('next', pathname + search);
    if (expired) params.set('expired', '1');
    const query = params.toString();
    void router.navigate(query ? `/login?${query}` : '/login', { replace: true });
  });
  return { queryClient, router };
}

export function App() {
  const { i18n } = useTranslation();
  const [{ queryClient, router }] = useState(createApp);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      // antd puts a space between two Chinese characters on buttons ("登 录"); Chinese UIs don't.
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <MessageBridge />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
