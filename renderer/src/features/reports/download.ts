import { api } from '../../lib/api';

/** Saves a generated report file through the browser's download. */
export async function downloadRun(runId: string): Promise<void> {
  const file = await api.call('reports/download', { runId });
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
