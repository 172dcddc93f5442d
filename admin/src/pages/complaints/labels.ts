import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DECISION_LABELS,
  COMPLAINT_STATE_LABELS,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_STATES,
  COMPLAINT_CHANNELS,
  COMPLAINT_TYPES,
  COMPLAINT_DECISIONS,
  complaintRequiredFields,
  isComplaintOpen,
  type ComplaintAction,
  type ComplaintState,
} from '@cgt/shared/complaint/machine';

export {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DECISION_LABELS,
  COMPLAINT_STATE_LABELS,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_STATES,
  COMPLAINT_CHANNELS,
  COMPLAINT_TYPES,
  COMPLAINT_DECISIONS,
  complaintRequiredFields,
  isComplaintOpen,
};

const STATE_COLORS: Record<ComplaintState, string> = {
  registered: 'blue',
  accepted: 'cyan',
  not_accepted: 'default',
  transferred: 'purple',
  handling: 'processing',
  concluded: 'green',
  review_requested: 'orange',
  review_concluded: 'green',
  recheck_requested: 'volcano',
  final: 'default',
};

export const stateColor = (s: ComplaintState) => STATE_COLORS[s] ?? 'default';

/** Select options from a label table, in the table's order. */
export function options<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>) {
  return keys.map((k) => ({ value: k, label: labels[k] }));
}

/** Button order and style in the action panel. */
export const ACTION_ORDER: ComplaintAction[] = ['accept', 'assign', 'conclude', 'extend', 'transfer', 'not_accept', 'request_review', 'conclude_review', 'request_recheck', 'conclude_recheck'];
export const PRIMARY_ACTIONS = new Set<ComplaintAction>(['accept', 'assign', 'conclude', 'conclude_review', 'conclude_recheck']);
export const DANGER_ACTIONS = new Set<ComplaintAction>(['not_accept']);
