import { useEffect, useState } from 'react';
import { Form, Input, Select, Upload, type UploadFile } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { listTemplates } from '../../../services/templates';
import { uploadPhoto } from '../../../services/uploads';
import type { Photo, ReplyTemplate } from '../../../services/types';

/** Form value of the after-photos field: antd upload files whose `response` is the uploaded Photo. */
export type PhotoFiles = UploadFile<Photo>[];

/** Uploaded photo ids, in order, skipping failed or pending uploads. */
export function photoIdsOf(files: PhotoFiles | undefined): string[] {
  return (files ?? []).map((f) => f.response?.id).filter((id): id is string => typeof id === 'string');
}

/** 处置反馈 fields: reply text with 常用语 templates, and after-photos uploaded to POST /uploads. */
export function ReplyFields({ categoryCode }: { categoryCode?: string }) {
  const form = Form.useFormInstance();
  const [templates, setTemplates] = useState<ReplyTemplate[]>([]);

  useEffect(() => {
    let alive = true;
    // the server lists only what fits this category: its own first, then its group's, then general ones
    listTemplates(categoryCode ? { categoryCode } : {}).then(
      (items) => alive && setTemplates(items),
      () => alive && setTemplates([]),
    );
    return () => {
      alive = false;
    };
  }, [categoryCode]);

  const sections: [string, ReplyTemplate[]][] = [
    ['本类型', templates.filter((t) => t.categoryCode)],
    ['本大类', templates.filter((t) => !t.categoryCode && t.categoryGroup)],
    ['通用', templates.filter((t) => !t.categoryCode && !t.categoryGroup)],
  ];
  const options = sections
    .filter(([, items]) => items.length > 0)
    .map(([label, items]) => ({ label, options: items.map((t) => ({ value: t.id, label: t.title })) }));

  return (
    <>
      <Form.Item label="常用语">
        <Select
          placeholder="选择常用语快速填入回复"
          allowClear
          showSearch
          optionFilterProp="label"
          data-testid="template-select"
          options={options}
          onChange={(id?: string) => {
            const t = templates.find((x) => x.id === id);
            if (t) form.setFieldValue('reply', t.text);
          }}
        />
      </Form.Item>
      <Form.Item
        name="reply"
        label="回复内容（将告知上报人）"
        rules={[{ required: true, whitespace: true, message: '请填写处置情况回复' }]}
      >
        <Input.TextArea rows={4} maxLength={500} showCount placeholder="请描述处置情况" />
      </Form.Item>
      <Form.Item
        name="photos"
        label="处置后照片"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: PhotoFiles }) => e.fileList}
        extra="支持 JPG、PNG、WebP，单张不超过 10 MB"
        rules={[
          {
            validator: async (_, files: PhotoFiles | undefined) => {
              if (files?.some((f) => f.status === 'uploading')) throw new Error('照片上传中，请稍候');
              if (files?.some((f) => f.status === 'error')) throw new Error('有照片上传失败，请删除后重新上传');
            },
          },
        ]}
      >
        <Upload<Photo>
          listType="picture-card"
          accept="image/jpeg,image/png,image/webp"
          maxCount={9}
          customRequest={({ file, onSuccess, onError }) => {
            const blob = file as File;
            uploadPhoto(blob, blob.name).then(
              (photo) => onSuccess?.(photo),
              (err: Error) => onError?.(err),
            );
          }}
        >
          <div>
            <PlusOutlined />
            <div style={{ marginTop: 4 }}>上传照片</div>
          </div>
        </Upload>
      </Form.Item>
    </>
  );
}
