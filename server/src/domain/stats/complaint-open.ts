/** 信访 states in which the 60/90-day handling clock runs (accepted, not yet answered): 积案 when past it. */
export function isOpenComplaintForStats(status: string): boolean {
  return status === 'accepted' || status === 'handling';
}
