/**
 * 信访 (formal complaint) state machine under the 《信访工作条例》 (2022), kept as plain data so the
 * server enforces exactly what the console and mini-program show. No zod here: the mini-program imports it.
 *
 * registered(已登记) → accepted(已受理) | not_accepted(不予受理) | transferred(已转送/交办)
 * accepted → handling(办理中) → concluded(已答复) → review_requested(复查中) → review_concluded(已复查)
 * → recheck_requested(复核中) → final(已终结).
 */

export const COMPLAINT_STATES = [
  'registered',
  'accepted',
  'not_accepted',
  'transferred',
  'handling',
  'concluded',
  'review_requested',
  'review_concluded',
  'recheck_requested',
  'final',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export const COMPLAINT_ACTIONS = [
  'accept',
  'not_accept',
  'transfer',
  'assign',
  'extend',
  'conclude',
  'request_review',
  'conclude_review',
  'request_recheck',
  'conclude_recheck',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_STATE_LABELS: Readonly<Record<ComplaintState, string>> = {
  registered: '已登记',
  accepted: '已受理',
  not_accepted: '不予受理',
  transferred: '已转送',
  handling: '办理中',
  concluded: '已答复',
  review_requested: '复查中',
  review_concluded: '已复查',
  recheck_requested: '复核中',
  final: '已终结',
};

export const COMPLAINT_ACTION_LABELS: Readonly<Record<ComplaintAction, string>> = {
  accept: '受理',
  not_accept: '不予受理',
  transfer: '转送/交办',
  assign: '交办承办单位',
  extend: '延期',
  conclude: '出具处理意见',
  request_review: '登记复查申请',
  conclude_review: '出具复查意见',
  request_recheck: '登记复核申请',
  conclude_recheck: '出具复核意见',
};

/**
 * The transition table: state → action → next state. A missing cell is an illegal action (409).
 * - assign and extend keep the case where it is (assign again = re-assign; extend only moves the deadline);
 * - extend is legal in the table from accepted/handling; "only once" is checked against the stored
 *   extension, not the state (see canExtend).
 * - transfer is the 转送/交办 of a matter that is not ours, decided instead of acceptance.
 */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintState, Readonly<Partial<Record<ComplaintAction, ComplaintState>>>>> = {
  registered: { accept: 'accepted', not_accept: 'not_accepted', transfer: 'transferred' },
  accepted: { assign: 'handling', extend: 'accepted' },
  not_accepted: {},
  transferred: {},
  handling: { assign: 'handling', extend: 'handling', conclude: 'concluded' },
  concluded: { request_review: 'review_requested' },
  review_requested: { conclude_review: 'review_concluded' },
  review_concluded: { request_recheck: 'recheck_requested' },
  recheck_requested: { conclude_recheck: 'final' },
  final: {},
};

export function complaintTransition(state: ComplaintState, action: ComplaintAction): ComplaintState | null {
  return COMPLAINT_TRANSITIONS[state][action] ?? null;
}

/** Actions legal from this state, in table order (the console's buttons; roles are checked separately). */
export function complaintActionsFrom(state: ComplaintState): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => complaintTransition(state, a) !== null);
}

export type ComplaintField = 'reason' | 'redirectTo' | 'transferTo' | 'departmentId' | 'days' | 'reply' | 'decision' | 'basis';

const REQUIRED: Readonly<Record<ComplaintAction, readonly ComplaintField[]>> = {
  accept: [],
  // 不予受理 must tell the petitioner why and where to go instead (条例: 告知信访人通过其他途径)
  not_accept: ['reason', 'redirectTo'],
  transfer: ['transferTo'],
  assign: ['departmentId'],
  extend: ['days', 'reason'],
  conclude: ['reply', 'decision', 'basis'],
  request_review: ['reason'],
  conclude_review: ['reply', 'decision', 'basis'],
  request_recheck: ['reason'],
  conclude_recheck: ['reply', 'decision', 'basis'],
};

/** Fields the action request must carry (note is always optional). */
export function complaintRequiredFields(action: ComplaintAction): readonly ComplaintField[] {
  return REQUIRED[action];
}

/** Required fields absent or blank in `payload`. */
export function complaintMissingFields(action: ComplaintAction, payload: Partial<Record<ComplaintField, unknown>>): ComplaintField[] {
  return REQUIRED[action].filter((f) => {
    const v = payload[f];
    if (typeof v === 'number') return !Number.isFinite(v);
    return typeof v !== 'string' || v.trim() === '';
  });
}

/** The office still owes the petitioner something: these count for 积案 when past their deadline. */
export function isComplaintOpen(state: ComplaintState): boolean {
  return state === 'registered' || state === 'accepted' || state === 'handling' || state === 'review_requested' || state === 'recheck_requested';
}

/** No action leads out of it. concluded/review_concluded are not terminal: the petitioner may still appeal. */
export function isComplaintTerminal(state: ComplaintState): boolean {
  return Object.keys(COMPLAINT_TRANSITIONS[state]).length === 0;
}

export function isComplaintState(s: unknown): s is ComplaintState {
  return typeof s === 'string' && (COMPLAINT_STATES as readonly string[]).includes(s);
}

export function isComplaintAction(s: unknown): s is ComplaintAction {
  return typeof s === 'string' && (COMPLAINT_ACTIONS as readonly string[]).includes(s);
}

/** Which written reply a state carries (the one the petitioner may rate or appeal against). */
export type ReplyStage = 'conclusion' | 'review' | 'recheck';
export function replyStageOf(state: ComplaintState): ReplyStage | null {
  if (state === 'concluded') return 'conclusion';
  if (state === 'review_concluded') return 'review';
  if (state === 'final') return 'recheck';
  return null;
}

export const REPLY_STAGE_BY_ACTION: Readonly<Partial<Record<ComplaintAction, ReplyStage>>> = {
  conclude: 'conclusion',
  conclude_review: 'review',
  conclude_recheck: 'recheck',
};

export const COMPLAINT_CHANNELS = ['online', 'letter', 'visit', 'phone', 'hotline_12345'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Readonly<Record<ComplaintChannel, string>> = {
  online: '网上信访',
  letter: '来信',
  visit: '来访',
  phone: '电话',
  hotline_12345: '12345 转办',
};

export const COMPLAINT_TYPES = ['suggestion', 'accusation', 'appeal'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];
export const COMPLAINT_TYPE_LABELS: Readonly<Record<ComplaintType, string>> = {
  suggestion: '建议意见',
  accusation: '检举控告',
  appeal: '申诉求决',
};

/** 处理意见: 支持 / 解释说明 (reasonable but no legal basis) / 不予支持. */
export const COMPLAINT_DECISIONS = ['support', 'explain', 'not_support'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];
export const COMPLAINT_DECISION_LABELS: Readonly<Record<ComplaintDecision, string>> = {
  support: '支持',
  explain: '解释说明',
  not_support: '不予支持',
};
