import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { ensureLogin } from './services/request'
import './app.scss'
import { parseWithoutEval } from '@cgt/shared/browser/no-eval'

// before any form is parsed: zod without eval (the H5 page's Content-Security-Policy; the mini-program forbids eval)
parseWithoutEval()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Silent login in the background; every API call also logs in on demand.
    ensureLogin().catch(() => undefined)
  })
  return children
}

export default App
