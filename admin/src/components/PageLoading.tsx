import { Spin } from 'antd';

/** Fallback while a lazily loaded page arrives. */
export function PageLoading() {
  return (
    <div style={{ padding: 96, textAlign: 'center' }}>
      <Spin size="large" tip="加载中…">
        <div style={{ height: 40 }} />
      </Spin>
    </div>
  );
}
