import { useEffect, useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { revealIdNumber } from '../../services/complaints';

/**
 * The petitioner's ID number: masked as the server sends it. 查看完整 asks the server for the full number
 * (each press is an audit entry on the server); 隐藏 forgets it. The number is held only in this field's
 * state, never in the case object, so a refresh or another page shows the masked form again.
 */
export function IdNumberField({ complaintId, masked }: { complaintId: string; masked: string }) {
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => setFull(null), [complaintId]);

  const reveal = async () => {
    setLoading(true);
    try {
      setFull((await revealIdNumber(complaintId)).idNumber);
    } catch {
      // shown by the error policy
    } finally {
      setLoading(false);
    }
  };

  return (
    <Space size={4}>
      <span data-testid="id-number" style={{ fontFamily: 'monospace' }}>{full ?? masked}</span>
      {full ? (
        <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)} className="cgt-no-print">隐藏</Button>
      ) : (
        <Tooltip title="显示完整身份证号（将记入个人信息审计日志）">
          <Button size="small" type="link" icon={<EyeOutlined />} loading={loading} onClick={reveal} data-testid="reveal-id" className="cgt-no-print">查看完整</Button>
        </Tooltip>
      )}
    </Space>
  );
}
