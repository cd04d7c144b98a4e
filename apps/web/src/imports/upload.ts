import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@sopline/api';

export type ImportJob = inferRouterOutputs<AppRouter>['imports']['get'];
type Bilingual = { 'zh-CN': string; en: string };

/** Why an upload failed, in the user's language: the server's own words, or what the browser saw. */
export class UploadError extends Error {
  readonly text: Bilingual | null;
  constructor(message: string, text: Bilingual | null) {
    super(message);
    this.text = text;
  }
}

/**
 * Sends a file to POST /api/imports as its raw bytes, reporting progress (0–1) as they go. XHR, not
 * fetch: only XHR reports upload progress, and a 50 MB file on a shop's connection takes a while.
 */
export function uploadFile(file: File, kind: 'customers' | 'orders', onProgress: (share: number) => void): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports?kind=${kind}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // An answer that is not ours (a proxy's error page).
      }
      if (xhr.status === 201) return resolve(body as ImportJob);
      const error = (body as { error?: { message?: string; text?: Bilingual } } | null)?.error;
      reject(new UploadError(error?.message ?? `HTTP ${xhr.status}`, error?.text ?? null));
    };
    xhr.onerror = () => reject(new UploadError('network', null));
    xhr.send(file);
  });
}
