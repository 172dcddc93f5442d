import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PAGES } from '../../utils/nav'
import './index.scss'

interface Bar {
  title: string
  /** false on the tab pages (首页 / 随手拍 / 我的): they have the tab bar instead */
  show: boolean
}

type PageLike = { $taroPath?: string; config?: { navigationBarTitleText?: string } }

/** The current page's title and whether it is a subpage, from Taro's page stack and its DOM. */
function current(): Bar {
  const pages = Taro.getCurrentPages() as unknown as PageLike[]
  const page = pages[pages.length - 1]
  if (!page) return { title: '', show: false }
  const el = page.$taroPath ? document.getElementById(page.$taroPath) : null
  const tab = !el || el.classList.contains('taro_tabbar_page')
  return { title: page.config?.navigationBarTitleText || document.title, show: !tab }
}

/**
 * H5 only: a title bar with 返回 above every subpage (what the mini-program's native bar gives). Mounted
 * once by the app, it follows Taro's router: the page's own navigationBarTitleText (or a title the page
 * sets later), hidden on tab pages; 返回 goes back, or home when the page was opened directly.
 * Subpages make room for it by the page padding in index.scss.
 */
export default function H5Header() {
  const [bar, setBar] = useState<Bar>({ title: '', show: false })

  useEffect(() => {
    // the page element and its class exist only once the route change has rendered: read after it
    const refresh = () => setTimeout(() => setBar(current()), 0)
    const onTitle = (title: unknown) => typeof title === 'string' && setBar((b) => ({ ...b, title }))
    Taro.eventCenter.on('__afterTaroRouterChange', refresh)
    Taro.eventCenter.on('__taroH5SetNavigationBarTitle', onTitle)
    refresh()
    return () => {
      Taro.eventCenter.off('__afterTaroRouterChange', refresh)
      Taro.eventCenter.off('__taroH5SetNavigationBarTitle', onTitle)
    }
  }, [])

  function back() {
    if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
    else Taro.switchTab({ url: PAGES.home })
  }

  // Always this one slot element, created at the first render, before the router adds any page element:
  // Taro hides a stationed page that is not the last child of the router, so nothing of ours may come
  // after the pages (a bar element appearing later would be appended after them).
  return (
    <View className='h5-header-slot'>
      {bar.show ? (
        <View className='h5-header' role='banner'>
          <View className='h5-header__back' role='button' aria-label='返回' onClick={back}>
            <View className='h5-header__chevron' />
            <Text>返回</Text>
          </View>
          <Text className='h5-header__title'>{bar.title}</Text>
        </View>
      ) : null}
    </View>
  )
}
