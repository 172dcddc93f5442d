import { request } from './request';
import type { Photo } from './types';

/** POST /uploads (multipart field `file`) → 201 {id,url,thumbnailUrl,width,height}. */
export function uploadPhoto(file: Blob, filename = 'photo.jpg'): Promise<Photo> {
  const form = new FormData();
  form.append('file', file, filename);
  return request<Photo>('/uploads', { method: 'POST', formData: form });
}
