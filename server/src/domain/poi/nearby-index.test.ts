import { describe, expect, it } from 'vitest';
import { haversineMeters } from '@cgt/shared/geo/coords';
import { NearbyIndex, searchBox, type Located } from './nearby-index.js';
import { mulberry32 } from './prng.js';

/** The oracle: measure every point, keep those within the radius, sort by (distance, id). */
function bruteForce(points: Located[], origin: { lat: number; lng: number }, radius: number, limit: number, accept: (p: Located) => boolean = () => true) {
  return points
    .filter(accept)
    .map((p) => ({ id: p.id, d: haversineMeters(origin, p.location) }))
    .filter((h) => h.d <= radius)
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}

function randomPoints(n: number, seed: number): Located[] {
  const r = mulberry32(seed);
  // the three urban districts' box, with clusters (many points close together, like a city centre)
  return Array.from({ length: n }, (_, i) => {
    const cluster = r() < 0.3;
    const lat = cluster ? 29.37 + (r() - 0.5) * 0.02 : 29.1 + r() * 0.6;
    const lng = cluster ? 113.13 + (r() - 0.5) * 0.02 : 112.8 + r() * 0.7;
    return { id: i.toString(16).padStart(6, '0'), location: { lat, lng } };
  });
}

describe('NearbyIndex', () => {
  it('matches the brute-force haversine oracle at 10,000 points (ordering, radius, limit)', () => {
    const points = randomPoints(10_000, 7);
    const index = new NearbyIndex(points);
    const r = mulberry32(99);
    for (let q = 0; q < 200; q++) {
      const origin = { lat: 29.1 + r() * 0.6, lng: 112.8 + r() * 0.7 };
      const radius = [50, 500, 2000, 5000, 20000][q % 5]!;
      const limit = [1, 20, 100, 100000][q % 4]!;
      const got = index.nearby(origin, radius, limit).map((h) => ({ id: h.item.id, d: h.distance }));
      expect(got).toEqual(bruteForce(points, origin, radius, limit));
    }
  });

  it('a filter is applied before the limit (the nearest matching, not matching among the nearest)', () => {
    const points = randomPoints(2000, 3);
    const index = new NearbyIndex(points);
    const even = (p: Located) => parseInt(p.id, 16) % 2 === 0;
    const origin = { lat: 29.37, lng: 113.13 };
    const got = index.nearby(origin, 3000, 15, even).map((h) => h.item.id);
    expect(got).toEqual(bruteForce(points, origin, 3000, 15, even).map((h) => h.id));
    expect(got).toHaveLength(15);
  });

  it('points exactly at the radius are included; empty index finds nothing', () => {
    const origin = { lat: 29.37, lng: 113.13 };
    const p = { id: 'a', location: { lat: 29.38, lng: 113.13 } };
    const d = haversineMeters(origin, p.location);
    expect(new NearbyIndex([p]).nearby(origin, d, 10)).toHaveLength(1);
    expect(new NearbyIndex([p]).nearby(origin, d - 0.01, 10)).toHaveLength(0);
    expect(new NearbyIndex([]).nearby(origin, 20000, 10)).toEqual([]);
  });

  it('the search box contains the circle (far north, antimeridian)', () => {
    const r = mulberry32(5);
    for (let i = 0; i < 2000; i++) {
      const origin = { lat: (r() - 0.5) * 170, lng: (r() - 0.5) * 360 };
      const radius = 1 + r() * 20000;
      const [minLng, minLat, maxLng, maxLat] = searchBox(origin, radius);
      const bearing = r() * 2 * Math.PI;
      // a point on the circle's edge, by the spherical destination formula
      const d = (radius * 0.9999) / 6_371_008.8;
      const φ1 = (origin.lat * Math.PI) / 180;
      const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(bearing));
      const λ = (origin.lng * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
      const lat = (φ2 * 180) / Math.PI;
      let lng = (λ * 180) / Math.PI;
      expect(lat).toBeGreaterThanOrEqual(minLat);
      expect(lat).toBeLessThanOrEqual(maxLat);
      if (lng < minLng) lng += 360;
      if (lng > maxLng) lng -= 360;
      expect(lng).toBeGreaterThanOrEqual(minLng);
      expect(lng).toBeLessThanOrEqual(maxLng);
    }
  });
});
