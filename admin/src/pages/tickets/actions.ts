import {
  ACTION_LABELS,
  allowedActions,
  isTicketState,
  type TicketAction,
  type TicketState,
} from '@cgt/shared/ticket/machine';
import type { Role, StaffUser, TicketDetail } from '../../services/types';

/**
 * Which action buttons the detail page shows: state × role × isAssignedDepartment, delegated to the
 * shared state machine (the same table the server enforces), plus the console's labels and dialogs.
 */

/** What the action dialog must collect. */
export type ActionForm = 'confirm' | 'reason' | 'department' | 'reply' | 'transfer';

export interface ActionButton {
  action: TicketAction;
  label: string;
  form: ActionForm;
  primary?: boolean;
  danger?: boolean;
}

/** Console wording per the staff workflow (受理 / 核查通过); the rest comes from shared labels. */
const LABEL_OVERRIDES: Partial<Record<TicketAction, string>> = {
  accept: '受理',
  verify: '核查通过',
};

const FORMS: Record<TicketAction, ActionForm> = {
  accept: 'confirm',
  reject: 'reason',
  dispatch: 'department',
  return: 'reason',
  resolve: 'reply',
  verify: 'confirm',
  rework: 'reason',
  reopen: 'reason',
  transfer: 'transfer',
  withdraw: 'confirm',
};

const PRIMARY = new Set<TicketAction>(['accept', 'dispatch', 'resolve', 'verify']);
const DANGER = new Set<TicketAction>(['reject', 'rework', 'return']);

/** Label shown on the button and in the dialog title. */
export function actionLabel(action: TicketAction): string {
  return LABEL_OVERRIDES[action] ?? ACTION_LABELS[action];
}

export interface ActionInput {
  status: string;
  roles: readonly Role[];
  isAssignedDepartment: boolean;
  /**
   * The server's `allowedActions` for this ticket when it sent them (it also knows district scope);
   * the buttons are then the intersection, so a button never leads to a 403/409.
   */
  serverAllowed?: readonly string[];
}

/** The buttons to show, in workflow order; empty for unknown states and read-only roles. */
export function ticketActions(input: ActionInput): ActionButton[] {
  if (!isTicketState(input.status)) return [];
  const status: TicketState = input.status;
  return allowedActions({
    actor: 'staff',
    status,
    roles: input.roles,
    isAssignedDepartment: input.isAssignedDepartment,
  })
    .filter((action) => !input.serverAllowed || input.serverAllowed.includes(action))
    .map((action) => ({
    action,
    label: actionLabel(action),
    form: FORMS[action],
    primary: PRIMARY.has(action) || undefined,
    danger: DANGER.has(action) || undefined,
  }));
}

/** The ticket is dispatched to one of the user's departments (handlers act only on those). */
export function isAssignedDepartment(
  user: Pick<StaffUser, 'departmentIds'>,
  ticket: Partial<Pick<TicketDetail, 'department' | 'departmentId'>>,
): boolean {
  const departmentId = ticket.departmentId ?? ticket.department?.id;
  return Boolean(departmentId && user.departmentIds?.includes(departmentId));
}

/** 合并 (reject as duplicate of another ticket) is offered exactly when 不予立案 is. */
export function canMerge(buttons: readonly ActionButton[]): boolean {
  return buttons.some((b) => b.action === 'reject');
}

/** Bulk actions in the workbench: only those that need no per-ticket input beyond one department. */
export function bulkActions(input: Omit<ActionInput, 'isAssignedDepartment'>): TicketAction[] {
  return ticketActions({ ...input, isAssignedDepartment: false })
    .map((b) => b.action)
    .filter((a) => a === 'accept' || a === 'dispatch');
}
