import { useEffect } from 'react';
import { App } from 'antd';
import { setErrorPresenter } from '../services/request';

/** Installs antd's context-aware message/notification as the API error presenter. */
export function ErrorBridge(): null {
  const { message, notification } = App.useApp();
  useEffect(() => {
    setErrorPresenter({
      message: (text) => void message.error(text),
      notify: (title, lines) =>
        notification.error({ message: title, description: lines.join('；'), placement: 'topRight' }),
      sessionExpired: () => void message.warning('登录已过期，请重新登录'),
    });
  }, [message, notification]);
  return null;
}
