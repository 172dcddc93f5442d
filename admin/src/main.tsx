import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import { AppRouter } from './App';
import { ErrorBridge } from './components/ErrorBridge';
import { parseWithoutEval } from '@cgt/shared/browser/no-eval';

// before any form is parsed: no eval under the Content-Security-Policy
parseWithoutEval();

dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntdApp>
        <ErrorBridge />
        <AppRouter />
      </AntdApp>
    </ConfigProvider>
  </StrictMode>,
);
