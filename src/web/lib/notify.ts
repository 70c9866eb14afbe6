import type { App } from 'antd';
import { localizedMessage } from '../api/client';

type MessageApi = ReturnType<typeof App.useApp>['message'];

// antd's static message() cannot see ConfigProvider (locale, theme); the app shell hands us the
// context-aware instance from App.useApp() so code outside components (query caches) can use it.
let messageApi: MessageApi | null = null;

export function setMessageApi(api: MessageApi | null): void {
  messageApi = api;
}

export function notifySuccess(text: string): void {
  void messageApi?.success(text);
}

export function notifyError(text: string): void {
  void messageApi?.error(text);
}

/** Shows an API (or any) error in the interface language. */
export function showError(error: unknown): void {
  notifyError(localizedMessage(error));
}
