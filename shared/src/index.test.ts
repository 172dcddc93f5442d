import { describe, expect, it } from 'vitest';
import * as shared from './index';

describe('@cgt/shared index', () => {
  it('re-exports every module', () => {
    for (const name of [
      'transition',
      'computeIndicator',
      'computeScore',
      'gradeOf',
      'formatIndicator',
      'splitRange',
      'STAT_COUNTERS',
      'maySupervise',
      'ratingOutcome',
      'allowedActions',
      'checkAction',
      'requiredFields',
      'isOpen',
      'isTerminal',
      'STATE_LABELS',
      'CATEGORIES',
      'findCategory',
      'addWorkingHours',
      'workingHoursBetween',
      'isWorkingDay',
      'addCalendarDays',
      'toGcj02',
      'haversineMeters',
      'pointInGeometry',
      'bboxOf',
      'validatePolygon',
      'segmentsIntersect',
      'ERROR_CODES',
      'errorBody',
      'maskPhone',
      'isMobilePhone',
      'formatTrackingNo',
      'parseTrackingNo',
      'open311Status',
      'parseOpen311Date',
      'checkAttributes',
    ]) {
      expect(shared, name).toHaveProperty(name);
    }
  });
});
