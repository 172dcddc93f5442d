import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84 } from '@cgt/shared/geo/coords';
import { csvRows, geojsonRows, validateRows } from './import-rows.js';

// a stand-in for the district index: a box around the city centre
const inCity = (p: { lat: number; lng: number }) => (p.lat > 29 && p.lat < 29.8 && p.lng > 112.8 && p.lng < 113.6 ? { code: '430602' } : null);

describe('POI import rows', () => {
  it('Chinese headers, booleans, opening hours text, per-row coordSys', () => {
    const wgs = gcj02ToWgs84({ lat: 29.37, lng: 113.13 });
    const text = `名称,纬度,经度,类型,开放时间,无障碍,母婴室,坐标系\nA,29.37,113.13,固定,每天 06:00-22:00,是,否,\nB,${wgs.lat},${wgs.lng},移动,24h,,1,wgs84\n`;
    const { rows, errors } = csvRows(text, 'toilet');
    expect(errors).toEqual([]);
    const out = validateRows('toilet', rows, 'gcj02', inCity);
    expect(out.errors).toEqual([]);
    expect(out.valid[0]!.data).toMatchObject({ name: 'A', accessible: true, babyRoom: false, openingHours: { is24h: false, rules: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '22:00' }] } });
    expect(out.valid[1]!.data.location.lat).toBeCloseTo(29.37, 6); // converted from WGS-84
    expect(out.valid[1]!.data).toMatchObject({ babyRoom: true, openingHours: { is24h: true } });
  });

  it('reports every bad row with its field; ids must be well-formed and unique', () => {
    const id = '0123456789abcdef01234567';
    const text = ['id,name,lat,lng,kind,totalSpaces', `${id},A,29.37,113.13,公共停车场,10`, `${id},B,29.37,113.13,公共停车场,10`, `,C,abc,113.13,公共停车场,10`, `x,D,29.37,113.13,公共停车场,10`, `,E,29.37,113.13,公共停车场,-3`, `,F,29.37,113.13,公共停车场,`].join('\n');
    const out = validateRows('carPark', csvRows(text, 'carPark').rows, 'gcj02', inCity);
    expect(out.valid.map((v) => v.data.name)).toEqual(['A']);
    expect(out.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'id'],
      [4, 'lat'],
      [5, 'id'],
      [6, 'totalSpaces'],
      [7, 'totalSpaces'],
    ]);
  });

  it('GeoJSON: only a FeatureCollection of Points', () => {
    expect(geojsonRows({ type: 'Feature' }).errors[0]).toMatchObject({ field: 'type' });
    const { rows, errors } = geojsonRows({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [113.13, 29.37] }, properties: { name: 'A' } }, { geometry: null }] });
    expect(rows[0]!.values).toMatchObject({ name: 'A', lat: 29.37, lng: 113.13 });
    expect(errors).toEqual([expect.objectContaining({ row: 2, field: 'geometry' })]);
  });
});
