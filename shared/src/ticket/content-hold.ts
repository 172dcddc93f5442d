import type { TicketAction } from './machine';

/**
 * 待审核: a report whose text or photo WeChat's content check calls risky is held until a dispatcher looks at it.
 * While held it cannot move towards a department; 不予立案 (reject) stays possible. One definition for the
 * server (which refuses and hides these actions) and the console (which shows the tag and the 放行 button).
 */
export const HELD_ACTIONS: readonly TicketAction[] = ['accept', 'dispatch', 'transfer'];

/** Who may release a hold: the dispatchers of the ticket's district, and admins. */
export const CONTENT_RELEASE_ROLES = ['admin', 'dispatcher'] as const;

export const CONTENT_HOLD_SOURCE_LABEL = { text: '文字', media: '图片' } as const;

export function mayReleaseContent(roles: readonly string[]): boolean {
  return CONTENT_RELEASE_ROLES.some((r) => roles.includes(r));
}

/** The actions left on a held ticket. */
export function withoutHeldActions<A extends string>(actions: readonly A[], held: boolean): A[] {
  return held ? actions.filter((a) => !(HELD_ACTIONS as readonly string[]).includes(a)) : [...actions];
}
