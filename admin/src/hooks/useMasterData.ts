import { useEffect, useState } from 'react';
import { listCategories } from '../services/categories';
import { listDepartments } from '../services/departments';
import { listDistricts } from '../services/districts';
import type { Category, Department, District } from '../services/types';

export interface MasterData {
  districts: District[];
  categories: Category[];
  departments: Department[];
}

/** Districts (with zones), categories and departments for filters and labels; failures leave lists empty. */
export function useMasterData(withDepartments = true): MasterData {
  const [data, setData] = useState<MasterData>({ districts: [], categories: [], departments: [] });
  useEffect(() => {
    let alive = true;
    const safe = <T,>(p: Promise<T[]>) => p.catch(() => [] as T[]);
    void Promise.all([
      safe(listDistricts()),
      safe(listCategories()),
      withDepartments ? safe(listDepartments()) : Promise.resolve([] as Department[]),
    ]).then(([districts, categories, departments]) => {
      if (alive) setData({ districts, categories, departments });
    });
    return () => {
      alive = false;
    };
  }, [withDepartments]);
  return data;
}
