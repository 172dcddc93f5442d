/**
 * What the detail page shows once: a handler's reply and its photos live in 处理回复 (report.replies), so
 * the timeline does not repeat the reply text and 处置后照片 lists only photos no reply already shows.
 * Pure (no Taro): unit-tested in node.
 */
import type { Photo, ReportDetail, TimelineEvent } from '../../../../services/types'
import { satisfactionLabel } from '../../../../constants/ticket'

/** The line under a timeline entry ('' = use the event's hint): the reason or the rating, never the reply. */
export function timelineNote(e: TimelineEvent): string {
  if (e.reason) return e.reason
  if (e.satisfaction) return `评价：${satisfactionLabel(e.satisfaction)}`
  return ''
}

/** After-photos that no reply shows (e.g. added without a reply). */
export function extraAfterPhotos(r: Pick<ReportDetail, 'afterPhotos' | 'replies'>): Photo[] {
  const shown = new Set(r.replies.flatMap((x) => x.photos.map((p) => p.id)))
  return (r.afterPhotos ?? []).filter((p) => !shown.has(p.id))
}
