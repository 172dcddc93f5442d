/**
 * What residents and the console call the stored POI types. The stored values stay the short codes of
 * the import format (固定 / 移动 …); on screen a toilet type reads as a whole word (固定公厕), a car
 * park's "商业" as 商业停车场. No zod here: the mini-program imports this.
 */

export const TOILET_KIND_LABELS: Readonly<Record<string, string>> = {
  固定: '固定公厕',
  移动: '移动公厕',
  沿街开放单位: '沿街单位开放厕所',
};

export const CAR_PARK_KIND_LABELS: Readonly<Record<string, string>> = {
  公共停车场: '公共停车场',
  路内泊位: '路内泊位',
  学校错时开放: '学校错时开放停车场',
  商业: '商业停车场',
};

export function toiletKindLabel(kind: string): string {
  return TOILET_KIND_LABELS[kind] ?? kind;
}

export function carParkKindLabel(kind: string): string {
  return CAR_PARK_KIND_LABELS[kind] ?? kind;
}
