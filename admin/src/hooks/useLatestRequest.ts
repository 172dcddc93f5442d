import { useEffect, useRef } from 'react';
import type { RequestData } from '@ant-design/pro-components';
import { createLatestGate, type LatestGate } from '../services/latest';

type TableRequest<T, P> = (params: P, sort: Record<string, unknown>, filter: Record<string, unknown>) => Promise<Partial<RequestData<T>>>;

/**
 * A ProTable `request` that keeps only the newest answer. The page's function gets an AbortSignal as a fourth
 * argument: pass it to the service call (the superseded fetch is cancelled) and check `signal.aborted` before any
 * side effect of its own (tab counts, totals). A superseded answer is answered to the table as `success: false`,
 * which leaves the rows of the newer request in place.
 */
export function useLatestTableRequest<T, P = Record<string, unknown>>(
  fn: (params: P, sort: Record<string, unknown>, filter: Record<string, unknown>, signal: AbortSignal) => Promise<Partial<RequestData<T>>>,
): TableRequest<T, P> {
  const gate = useLatestGate();
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const stable = useRef<TableRequest<T, P> | null>(null);
  if (!stable.current) {
    stable.current = async (params, sort, filter) => {
      const res = await gate.run((signal) => fnRef.current(params, sort ?? {}, filter ?? {}, signal));
      return res.stale ? { data: [], success: false } : res.value;
    };
  }
  return stable.current;
}

/** One gate for the lifetime of a component (for lists loaded by hand); calls still running at unmount are stale. */
export function useLatestGate(): LatestGate {
  const gate = useRef<LatestGate | null>(null);
  if (!gate.current) gate.current = createLatestGate();
  useEffect(() => {
    const g = gate.current;
    return () => g?.cancel();
  }, []);
  return gate.current;
}
