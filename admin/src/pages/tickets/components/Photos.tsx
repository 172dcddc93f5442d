import { Image, Space, Typography } from 'antd';
import type { Photo } from '../../../services/types';

/** Thumbnails with zoom (antd Image preview over the full-size URL). */
export function Photos({ photos, empty = '无照片' }: { photos?: Photo[]; empty?: string }) {
  if (!photos || photos.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8}>
        {photos.map((p) => (
          <Image
            key={p.id}
            src={p.thumbnailUrl ?? p.url}
            preview={{ src: p.url }}
            width={120}
            height={90}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            alt="现场照片"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
