import { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { ensureLogin } from './services/request'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Silent login in the background; every API call also logs in on demand.
    ensureLogin().catch(() => undefined)
  })
  return children
}

export default App
