import { request } from './request';

/** File helpers shared by the master-data pages (waste items, car parks/toilets, zones). */

/** GETs a file through the API wrapper (bearer token, refresh, error policy) and saves it under `filename`. */
export async function downloadFile(path: string, filename: string, query?: Record<string, string>): Promise<void> {
  const blob = await request<Blob>(path, { query, responseType: 'blob' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
