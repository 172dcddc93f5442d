import type { WasteCategoryId } from '../../services/waste';

/** The four categories in guide order, with their Chinese names and antd tag colours. */
export const WASTE_CATEGORIES: { id: WasteCategoryId; name: string; color: string }[] = [
  { id: 'recyclable', name: '可回收物', color: 'blue' },
  { id: 'hazardous', name: '有害垃圾', color: 'red' },
  { id: 'kitchen', name: '厨余垃圾', color: 'green' },
  { id: 'residual', name: '其他垃圾', color: 'default' },
];

export const wasteCategory = (id: string) => WASTE_CATEGORIES.find((c) => c.id === id);
