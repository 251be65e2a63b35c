import { ExternalLink, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { useAddLink, useLinks, useRemoveLink } from '../api/links.ts';

interface LinksSectionProps {
  slug: string;
  projectId: string;
  itemId: string;
  canEdit: boolean;
}

export function LinksSection({ slug, projectId, itemId, canEdit }: LinksSectionProps) {
  const links = useLinks(slug, projectId, itemId);
  const add = useAddLink(slug, projectId, itemId);
  const remove = useRemoveLink(slug, projectId, itemId);
  const toast = useToast();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim()) return;
    add.mutate(
      { url: url.trim(), ...(title.trim() ? { title: title.trim() } : {}) },
      {
        onSuccess: () => {
          setUrl('');
          setTitle('');
        },
      },
    );
  };

  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading" className="mb-2 text-[15px] font-semibold">
        Links
      </h2>
      {links.isError && <p className="text-danger">{links.error.message}</p>}
      {links.data && links.data.length > 0 && (
        <ul aria-label="Links" className="mb-2 divide-y divide-line rounded-md border border-line">
          {links.data.map((link) => (
            <li key={link.id} className="flex items-center gap-2 px-3 py-2">
              <ExternalLink className="size-3.5 shrink-0 text-muted" aria-hidden="true" />
              <a
                href={link.url}
                target="_blank"
                rel="noopener noreferrer"
                className="min-w-0 flex-1 truncate text-accent-text hover:underline"
              >
                {link.title || link.url}
              </a>
              {canEdit && (
                <button
                  type="button"
                  aria-label={`Remove link ${link.title || link.url}`}
                  onClick={() =>
                    remove.mutate(link.id, {
                      onError: (error) =>
                        toast(`Could not remove the link: ${error.message}`, { tone: 'danger' }),
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
      {links.data?.length === 0 && !canEdit && <p className="text-muted">No links.</p>}
      {canEdit && (
        <form onSubmit={submit} className="flex flex-wrap gap-2" aria-label="Add a link">
          <input
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-label="Link URL"
            placeholder="https://…"
            aria-invalid={add.isError || undefined}
            className={cn(controlClasses, 'h-8 min-w-48 flex-1 text-[13px]')}
          />
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-label="Link title (optional)"
            placeholder="Title (optional)"
            className={cn(controlClasses, 'h-8 w-40 text-[13px]')}
          />
          <Button size="sm" type="submit" pending={add.isPending}>
            Add link
          </Button>
          {add.isError && (
            <p role="alert" className="w-full text-[13px] text-danger">
              {add.error.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
