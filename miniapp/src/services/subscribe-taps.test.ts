import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { templateIdsFor } from './subscribe-ids'

/**
 * WeChat shows the subscribe prompt only when wx.requestSubscribeMessage runs inside a tap handler, before
 * anything asynchronous. This check keeps it so: the API is called in services/subscribe.ts only, and every
 * requestSubscriptions() call sits in a function that a JSX onClick names, as that function's first await.
 */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(tsx?|jsx?)$/.test(n) && !/\.test\./.test(n) ? [p] : []
  })
}

describe('subscribe prompts only from taps', () => {
  const files = sources(SRC).map((p) => ({ p, text: readFileSync(p, 'utf8') }))

  it('requestSubscribeMessage is called only in services/subscribe.ts', () => {
    const callers = files.filter((f) => /requestSubscribeMessage\s*\(/.test(f.text)).map((f) => path.relative(SRC, f.p))
    expect(callers).toEqual([path.join('services', 'subscribe.ts')])
  })

  it('every requestSubscriptions() call is the first await of a function bound to onClick', () => {
    let calls = 0
    for (const f of files) {
      if (f.p.endsWith(path.join('services', 'subscribe.ts'))) continue
      for (const m of f.text.matchAll(/requestSubscriptions\(/g)) {
        if (f.text.slice(Math.max(0, m.index! - 30), m.index!).includes('import')) continue
        calls++
        const before = f.text.slice(0, m.index!)
        const fns = [...before.matchAll(/(?:async\s+)?function\s+(\w+)\s*\(/g)]
        const fn = fns.at(-1)
        expect(fn, `${f.p}: requestSubscriptions outside a named function`).toBeTruthy()
        const name = fn![1]!
        const body = before.slice(fn!.index!)
        expect(/\bawait\s*$/.test(body), `${f.p}: ${name} must await the prompt before its requests`).toBe(true)
        expect(/\bawait\b/.test(body.replace(/\bawait\s*$/, '')), `${f.p}: ${name} awaits something before asking`).toBe(false)
        expect(new RegExp(`onClick=\\{[^}]*\\b${name}\\b`).test(f.text), `${f.p}: ${name} is not an onClick handler`).toBe(true)
      }
    }
    expect(calls).toBeGreaterThanOrEqual(3)
  })
})

describe('templateIdsFor', () => {
  const configured = { 'ticket.accepted': 'A', 'ticket.rejected': 'R', 'ticket.resolved': 'S', 'ticket.closed': 'S', 'complaint.concluded': 'C' }
  it('asks for configured ids only, without repeats, at most three', () => {
    expect(templateIdsFor(['ticket.accepted', 'ticket.dispatched', 'ticket.resolved'], configured)).toEqual(['A', 'S'])
    expect(templateIdsFor(['ticket.resolved', 'ticket.closed'], configured)).toEqual(['S'])
    expect(templateIdsFor(['ticket.accepted', 'ticket.rejected', 'ticket.resolved', 'complaint.concluded'], configured)).toEqual(['A', 'R', 'S'])
    expect(templateIdsFor(['ticket.accepted'], {})).toEqual([])
  })
})
