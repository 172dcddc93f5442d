import type { Connection } from 'mongoose';
import { citizenSchema } from './citizen.js';
import { districtSchema } from './district.js';
import { seedStampSchema } from './seed-stamp.js';
import { staffUserSchema } from './staff-user.js';
import { wasteItemSchema } from './waste-item.js';

/** All models bound to one connection (tests use one database per file, so models are per connection). */
export function createModels(conn: Connection) {
  return {
    StaffUser: conn.model('StaffUser', staffUserSchema),
    Citizen: conn.model('Citizen', citizenSchema),
    District: conn.model('District', districtSchema),
    SeedStamp: conn.model('SeedStamp', seedStampSchema),
    WasteItem: conn.model('WasteItem', wasteItemSchema),
  };
}

export type Models = ReturnType<typeof createModels>;
