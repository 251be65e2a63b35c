import { Paperclip, Trash2, Upload } from 'lucide-react';
import { useState, type DragEvent } from 'react';
import { buttonClasses } from '@/components/ui/button.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { formatBytes, timeAgo } from '@/lib/format.ts';
import {
  attachmentHref,
  useAttachments,
  useRemoveAttachment,
  useUploadAttachment,
} from '../api/attachments.ts';

interface AttachmentsSectionProps {
  slug: string;
  projectId: string;
  itemId: string;
  canEdit: boolean;
}

/** Files on a work item: chosen or dropped files upload one after another; each name downloads its file. */
export function AttachmentsSection({ slug, projectId, itemId, canEdit }: AttachmentsSectionProps) {
  const attachments = useAttachments(slug, projectId, itemId);
  const upload = useUploadAttachment(slug, projectId, itemId);
  const remove = useRemoveAttachment(slug, projectId, itemId);
  const toast = useToast();
  const [uploading, setUploading] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const send = async (files: File[]) => {
    setFailure(null);
    for (const file of files) {
      setUploading(file.name);
      try {
        await upload.mutateAsync(file);
      } catch (error) {
        setFailure(`${file.name} was not attached: ${(error as Error).message}`);
        break;
      }
    }
    setUploading(null);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (canEdit && !uploading) void send([...event.dataTransfer.files]);
  };
  const list = attachments.data ?? [];

  return (
    <section
      aria-labelledby="attachments-heading"
      onDragOver={(e) => {
        if (!canEdit || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn(
        'rounded-md',
        dragging && 'outline-2 outline-offset-4 outline-accent-text outline-dashed',
      )}
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="attachments-heading" className="text-[15px] font-semibold">
          Attachments
        </h2>
        {canEdit && (
          <label
            className={cn(
              buttonClasses('secondary', 'sm'),
              'has-focus-visible:ring-2 has-focus-visible:ring-accent-text',
              uploading && 'pointer-events-none opacity-60',
            )}
          >
            <Upload className="size-3.5" aria-hidden="true" />
            Attach files
            <input
              type="file"
              multiple
              className="sr-only"
              disabled={Boolean(uploading)}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                void send(files);
              }}
            />
          </label>
        )}
      </div>
      {attachments.isError && <p className="text-danger">{attachments.error.message}</p>}
      {list.length > 0 && (
        <ul aria-label="Attachments" className="mb-2 divide-y divide-line rounded-md border border-line">
          {list.map((file) => (
            <li key={file.id} className="flex items-center gap-2 px-3 py-2">
              <Paperclip className="size-3.5 shrink-0 text-muted" aria-hidden="true" />
              <a
                href={attachmentHref(slug, projectId, itemId, file.id)}
                download={file.attributes.name}
                className="min-w-0 flex-1 truncate text-accent-text hover:underline"
              >
                {file.attributes.name}
              </a>
              <span className="shrink-0 text-xs text-muted">
                {formatBytes(file.attributes.size)} · {timeAgo(file.created_at)}
              </span>
              {canEdit && (
                <button
                  type="button"
                  aria-label={`Remove attachment ${file.attributes.name}`}
                  onClick={() =>
                    remove.mutate(file.id, {
                      onError: (error) =>
                        toast(`Could not remove the attachment: ${error.message}`, { tone: 'danger' }),
                    })
                  }
                  className="cursor-pointer rounded p-1 text-muted hover:bg-subtle hover:text-danger"
                >
                  <Trash2 className="size-3.5" aria-hidden="true" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {attachments.data?.length === 0 && !uploading && (
        <p className="text-muted">
          {canEdit ? 'No files yet. Attach one, or drop files here.' : 'No files.'}
        </p>
      )}
      <p aria-live="polite" className="text-[13px] text-muted">
        {uploading ? `Uploading ${uploading}…` : ''}
      </p>
      {failure && (
        <p role="alert" className="text-[13px] text-danger">
          {failure}
        </p>
      )}
    </section>
  );
}
