import { http } from './request';
import type { Category } from './types';

let cache: Promise<Category[]> | null = null;

/** GET /categories → [{code,name,group,slaHours,urgent,notice}] (also accepts `{items}`), cached. */
export function listCategories(): Promise<Category[]> {
  if (!cache) {
    cache = http
      .get<Category[] | { items: Category[] }>('/categories')
      .then((res) => (Array.isArray(res) ? res : res.items))
      .catch((err: unknown) => {
        cache = null;
        throw err;
      });
  }
  return cache;
}
