import { useEffect, useRef, useState } from 'react'
import { resolveRouting } from '../../services/api'
import { ApiError, messageOf } from '../../services/errors'
import type { RoutingState } from './LocationField'

/** Live routing: which district (and zone/department) will receive this point, re-asked 250 ms after it moves. */
export function useRouting(lat: number | undefined, lng: number | undefined, categoryCode: string) {
  const [routing, setRouting] = useState<RoutingState>({ state: 'idle' })
  const routeSeq = useRef(0)
  useEffect(() => {
    if (lat === undefined || lng === undefined) {
      setRouting({ state: 'idle' })
      return
    }
    const seq = ++routeSeq.current
    setRouting({ state: 'loading' })
    const t = setTimeout(() => {
      resolveRouting({ lat, lng, coordSys: 'gcj02', categoryCode: categoryCode || undefined })
        .then((result) => seq === routeSeq.current && setRouting({ state: 'ok', result }))
        .catch((e) => {
          if (seq !== routeSeq.current) return
          if (e instanceof ApiError && e.code === 'outside_jurisdiction')
            setRouting({ state: 'outside', message: '该位置不在岳阳市城管服务范围内，无法提交。请确认问题位置是否正确。' })
          else setRouting({ state: 'error', message: `暂时无法确认所属辖区（${messageOf(e)}），提交时将再次核验` })
        })
    }, 250)
    return () => clearTimeout(t)
  }, [lat, lng, categoryCode])
  return [routing, setRouting] as const
}
