import { describeOpeningHours, isOpenAt } from '@cgt/shared/poi/opening-hours';
import { OCCUPANCY_STALE_MS, type CarParkView } from '@cgt/shared/schemas/parking';
import type { ToiletView } from '@cgt/shared/schemas/toilets';
import { demoOccupancy, type CarParkEntry, type OccupancyReading, type PoiEntryBase, type ToiletEntry } from '../domain/poi/entries.js';

/** 找车位 / 找厕所 places as the API shows them: opening hours described and evaluated now, free spaces with their source. */

function common(e: PoiEntryBase, now: Date) {
  const openNow = isOpenAt(e.openingHours, now);
  return {
    id: e.id,
    name: e.name,
    address: e.address,
    location: { lat: e.location.lat, lng: e.location.lng },
    districtCode: e.districtCode,
    districtName: e.districtName,
    openingHours: e.openingHours,
    openingHoursText: describeOpeningHours(e.openingHours),
    openNow,
    demo: e.demo,
  };
}

export function presentCarPark(e: CarParkEntry, reading: OccupancyReading | undefined, now: Date): CarParkView {
  const base = common(e, now);
  let occ: Pick<CarParkView, 'freeSpaces' | 'updatedAt' | 'stale' | 'occupancySource'>;
  if (reading) {
    occ = {
      freeSpaces: reading.freeSpaces,
      updatedAt: reading.updatedAt.toISOString(),
      stale: now.getTime() - reading.updatedAt.getTime() > OCCUPANCY_STALE_MS,
      occupancySource: 'operator',
    };
  } else if (e.demo) {
    const sim = demoOccupancy(e, now, base.openNow);
    occ = { freeSpaces: sim.freeSpaces, updatedAt: sim.updatedAt.toISOString(), stale: false, occupancySource: 'demo' };
  } else occ = { freeSpaces: null, updatedAt: null, stale: true, occupancySource: 'none' };
  return {
    ...base,
    kind: e.kind,
    totalSpaces: e.totalSpaces,
    ...occ,
    feeText: e.feeText,
    evChargers: e.evChargers,
    accessibleSpaces: e.accessibleSpaces,
  };
}

export function presentToilet(e: ToiletEntry, now: Date): ToiletView {
  return {
    ...common(e, now),
    kind: e.kind,
    open24h: e.openingHours.is24h,
    accessible: e.accessible,
    thirdRestroom: e.thirdRestroom,
    babyRoom: e.babyRoom,
    managingUnit: e.managingUnit,
  };
}
