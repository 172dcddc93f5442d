import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { ensureLogin } from './services/request'
import H5Header from './components/H5Header'
import './app.scss'
import { parseWithoutEval } from '@cgt/shared/browser/no-eval'

// before any form is parsed: zod without eval (the H5 page's Content-Security-Policy; the mini-program forbids eval)
parseWithoutEval()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Silent login in the background; every API call also logs in on demand.
    ensureLogin().catch(() => undefined)
  })
  // H5Header draws nothing in the mini-program (its native bar stays); on H5 it is the subpages' title bar
  return (
    <>
      {process.env.TARO_ENV === 'h5' ? <H5Header /> : null}
      {children}
    </>
  )
}

export default App
