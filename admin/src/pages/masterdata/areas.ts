import type { District } from '../../services/types';

/** Select options: districts first, then functional zones (marked). */
export function areaOptions(areas: District[]) {
  const districts = areas.filter((a) => a.kind === 'district');
  const zones = areas.filter((a) => a.kind === 'zone');
  return [
    { label: '区县', options: districts.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` })) },
    { label: '功能区', options: zones.map((z) => ({ value: z.code, label: `${z.name}（功能区${z.demo ? '，示例边界' : ''}）` })) },
  ];
}

export function areaName(areas: District[], code: string): string {
  return areas.find((a) => a.code === code)?.name ?? code;
}
