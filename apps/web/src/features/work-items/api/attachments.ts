import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-client.ts';
import { planeApi, planeError, projectApiPath } from '@/lib/plane-client.ts';
import type { Attachment } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

const path = (slug: string, projectId: string, itemId: string) =>
  `${projectApiPath(slug, projectId)}/work-items/${itemId}/attachments/`;

/** Opening this answers 302 to a short-lived download link, so a plain link downloads the file. */
export const attachmentHref = (slug: string, projectId: string, itemId: string, attachmentId: string) =>
  `/api/v1${path(slug, projectId, itemId)}${attachmentId}/`;

export const attachmentsQuery = (slug: string, projectId: string, itemId: string) =>
  queryOptions({
    queryKey: [...workKeys.item(slug, projectId, itemId), 'attachments'],
    queryFn: ({ signal }) => planeApi<Attachment[]>(path(slug, projectId, itemId), { signal }),
  });

export const useAttachments = (slug: string, projectId: string, itemId: string) =>
  useQuery(attachmentsQuery(slug, projectId, itemId));

interface UploadEnvelope {
  upload_data: { url: string; fields: Record<string, string> };
  asset_id: string;
}

/** Posts the file with the presigned form, as to S3: every field first, the file last. */
async function postToStorage(upload: UploadEnvelope['upload_data'], file: File): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(upload.url, { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The file could not be sent. Check your connection and try again.');
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw planeError(response.status, body);
  }
}

/** Plane's presigned flow: ask for a form, post the file to storage, then mark the attachment uploaded. */
export function useUploadAttachment(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const envelope = await planeApi<UploadEnvelope>(path(slug, projectId, itemId), {
        method: 'POST',
        body: { name: file.name, type: file.type || 'application/octet-stream', size: file.size },
      });
      await postToStorage(envelope.upload_data, file);
      await planeApi<void>(`${path(slug, projectId, itemId)}${envelope.asset_id}/`, {
        method: 'PATCH',
        body: {},
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: workKeys.item(slug, projectId, itemId) }),
  });
}

export function useRemoveAttachment(slug: string, projectId: string, itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) =>
      planeApi<void>(`${path(slug, projectId, itemId)}${attachmentId}/`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workKeys.item(slug, projectId, itemId) }),
  });
}
