import { ModalForm, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import type { WasteCategoryId, WasteItemView } from '../../services/waste';
import { WASTE_CATEGORIES } from './labels';

export interface ItemValues {
  name: string;
  category: WasteCategoryId;
  aliases: string[];
}

/** 新增 / 编辑物品: name, category, aliases (typed as tags). Resolves true to close. */
export function ItemForm({ open, item, onCancel, onSubmit }: { open: boolean; item: WasteItemView | null; onCancel: () => void; onSubmit: (v: ItemValues) => Promise<boolean> }) {
  return (
    <ModalForm<ItemValues>
      key={item?.id ?? 'new'}
      title={item ? `编辑物品：${item.name}` : '新增物品'}
      open={open}
      width={520}
      modalProps={{ destroyOnHidden: true, onCancel }}
      initialValues={item ? { name: item.name, category: item.category, aliases: item.aliases } : { aliases: [] }}
      submitter={{ searchConfig: { submitText: '保存' } }}
      onFinish={onSubmit}
    >
      <ProFormText name="name" label="物品名称" rules={[{ required: true, message: '请填写物品名称' }, { max: 30, message: '物品名称最多 30 个字符' }]} />
      <ProFormSelect
        name="category"
        label="分类"
        rules={[{ required: true, message: '请选择分类' }]}
        options={WASTE_CATEGORIES.map((c) => ({ value: c.id, label: c.name }))}
      />
      <ProFormSelect
        name="aliases"
        label="别名"
        tooltip="居民常用的其他叫法，搜索时同样能找到；最多 10 个"
        fieldProps={{ mode: 'tags', tokenSeparators: [',', '，', '|', ' '], open: false, placeholder: '输入后回车，可填多个' }}
        rules={[{ type: 'array', max: 10, message: '别名最多 10 个' }]}
      />
    </ModalForm>
  );
}
