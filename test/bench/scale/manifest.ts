/**
 * What the driver needs to know about a seeded DATA_DIR (sampled ids, residents, points), kept in
 * DATA_DIR/scale-bench.json so that a later run over the same --data-dir can drive without re-seeding.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Manifest {
  version: 1;
  tickets: number;
  complaintsSeeded: number;
  backend: string | null;
  seededAt: string;
  /** ticket refs across the whole period (detail, search) */
  sample: { id: string; trackingNo: string }[];
  /** newest submitted tickets with their version (the transition scenario accepts them, once each) */
  submitted: { id: string; version: number }[];
  /** demo-login nicknames of residents who filed seeded tickets: the heaviest reporters and typical ones */
  residents: string[];
  complaints: string[];
  /** GCJ-02 points inside the city (seeded report locations) and category codes for new reports */
  points: { lat: number; lng: number }[];
  categories: string[];
  seeding: Record<string, unknown>;
}

const file = (dataDir: string) => path.join(dataDir, 'scale-bench.json');

export function readManifest(dataDir: string): Manifest | null {
  return existsSync(file(dataDir)) ? (JSON.parse(readFileSync(file(dataDir), 'utf8')) as Manifest) : null;
}

export function writeManifest(dataDir: string, m: Manifest): void {
  writeFileSync(file(dataDir), JSON.stringify(m, null, 1) + '\n');
}

/** Once driven, the submitted tickets in the manifest are accepted: the next run must not reuse them. */
export function consumeSubmitted(dataDir: string, m: Manifest, used: number): void {
  writeManifest(dataDir, { ...m, submitted: m.submitted.slice(used) });
}
