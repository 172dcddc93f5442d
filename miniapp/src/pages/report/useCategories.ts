import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { fetchCategories } from '../../services/api'
import { messageOf } from '../../services/errors'
import type { Category } from '../../services/types'

const CATEGORY_CACHE_KEY = 'cgt:categories'

function cachedCategories(): Category[] {
  const c = Taro.getStorageSync(CATEGORY_CACHE_KEY)
  return Array.isArray(c) ? c : []
}

/** The 问题类型 list: the last one seen at once (storage), refreshed from the server on open. */
export function useCategories() {
  const [categories, setCategories] = useState<Category[]>(cachedCategories)
  const [catState, setCatState] = useState({ loading: false, error: '' })

  const loadCategories = useCallback(() => {
    setCatState({ loading: true, error: '' })
    fetchCategories()
      .then((list) => {
        setCategories(list)
        Taro.setStorageSync(CATEGORY_CACHE_KEY, list)
        setCatState({ loading: false, error: '' })
      })
      .catch((e) => setCatState({ loading: false, error: messageOf(e) }))
  }, [])

  useEffect(loadCategories, [loadCategories])
  return { categories, catState, loadCategories }
}
