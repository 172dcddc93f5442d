import { useRef, type Dispatch, type MutableRefObject, type SetStateAction } from 'react'
import Taro from '@tarojs/taro'
import { MAX_PHOTOS, addPhotos, patchPhoto, removePhoto, type Draft } from '../../stores/draft'
import { messageOf } from '../../services/errors'
import { uploadPhoto, type UploadHandle } from '../../services/upload'
import { choosePhotos } from '../../services/media'

let tileSeq = 0

/** Photo tiles of the draft: choose, upload with progress, retry, remove; `abortAll` when the draft is dropped. */
export function usePhotoUploads(setDraft: Dispatch<SetStateAction<Draft>>, latest: MutableRefObject<Draft>) {
  const uploads = useRef(new Map<string, UploadHandle>())

  function startUpload(key: string, path: string) {
    const handle = uploadPhoto(path, (progress) => setDraft((d) => patchPhoto(d, key, { progress })))
    uploads.current.set(key, handle)
    handle.promise
      .then((r) =>
        setDraft((d) =>
          patchPhoto(d, key, { status: 'done', progress: 100, id: r.id, url: r.url, thumbnailUrl: r.thumbnailUrl, error: undefined }),
        ),
      )
      .catch((e) => setDraft((d) => patchPhoto(d, key, { status: 'failed', progress: 0, error: messageOf(e) })))
      .finally(() => uploads.current.delete(key))
  }

  /** Resolves true when photos were added (the page then asks for the location if it has none). */
  async function add(): Promise<boolean> {
    try {
      const paths = await choosePhotos(MAX_PHOTOS - latest.current.photos.length)
      if (!paths.length) return false
      const { added } = addPhotos(latest.current, paths, (i) => `p${Date.now()}-${tileSeq++}-${i}`)
      setDraft((d) => ({ ...d, photos: [...d.photos, ...added].slice(0, MAX_PHOTOS) }))
      added.forEach((p) => startUpload(p.key, p.localPath!))
      return true
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
      return false
    }
  }

  function retry(key: string) {
    const p = latest.current.photos.find((x) => x.key === key)
    if (!p?.localPath) {
      Taro.showToast({ title: '原照片已失效，请删除后重新选择', icon: 'none' })
      return
    }
    setDraft((d) => patchPhoto(d, key, { status: 'uploading', progress: 0, error: undefined }))
    startUpload(key, p.localPath)
  }

  function remove(key: string) {
    uploads.current.get(key)?.abort()
    uploads.current.delete(key)
    setDraft((d) => removePhoto(d, key))
  }

  function abortAll() {
    uploads.current.forEach((u) => u.abort())
    uploads.current.clear()
  }

  return { add, retry, remove, abortAll }
}
