import { Bookmark, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { Menu } from '@/components/ui/menu.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formLevelError, serverFieldError } from '@/lib/forms.ts';
import {
  paramsFromView,
  sameSettings,
  settingsFromParams,
  useDeleteView,
  useSaveView,
  useViews,
} from '../api/views.ts';

interface SavedViewsProps {
  slug: string;
  projectId: string;
  /** Project admins and members save views; guests only use them. */
  canEdit: boolean;
  params: URLSearchParams;
  /** Replaces the list's URL parameters (filters, order, grouping and `view`). */
  show: (params: URLSearchParams) => void;
}

/** The list's saved views: pick one to show it, save what the list shows as a new one, update or delete it. */
export function SavedViews({ slug, projectId, canEdit, params, show }: SavedViewsProps) {
  const views = useViews(slug, projectId);
  const save = useSaveView(slug, projectId);
  const remove = useDeleteView(slug, projectId);
  const toast = useToast();
  const [naming, setNaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const current = views.data?.find((v) => v.id === params.get('view'));
  const changed = current ? !sameSettings(current, params) : false;

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    save.mutate(
      { name, ...settingsFromParams(params) },
      {
        onSuccess: (view) => {
          setNaming(false);
          show(paramsFromView(view));
          toast(`Saved the view “${view.name}”.`);
        },
      },
    );
  };
  const update = () =>
    current &&
    save.mutate(
      { id: current.id, ...settingsFromParams(params) },
      {
        onSuccess: (view) => toast(`Updated the view “${view.name}”.`),
        onError: (error) => toast(`Could not update the view: ${error.message}`, { tone: 'danger' }),
      },
    );

  return (
    <>
      <Menu
        label="Saved views"
        empty={views.isError ? views.error.message : 'No saved views yet.'}
        triggerClassName="inline-flex h-8 items-center gap-1.5 rounded-md border border-line-strong bg-surface px-2.5 text-[13px] font-medium text-ink hover:bg-subtle"
        trigger={
          <>
            <Bookmark className="size-3.5" aria-hidden="true" />
            Views
          </>
        }
        items={[
          ...(views.data ?? []).map((view) => ({
            id: view.id,
            label: view.name,
            onSelect: () => show(paramsFromView(view)),
          })),
          ...(canEdit
            ? [
                {
                  id: 'save-new',
                  label: 'Save as a new view…',
                  prefix: <Plus className="size-3.5 text-accent-text" aria-hidden="true" />,
                  onSelect: () => setNaming(true),
                },
              ]
            : []),
        ]}
      />
      {current && (
        <span className="text-[13px] font-medium" aria-live="polite">
          {current.name}
          {changed && <span className="font-normal text-muted"> (changed)</span>}
        </span>
      )}
      {current && canEdit && changed && (
        <Button size="sm" variant="ghost" pending={save.isPending} onClick={update}>
          Update “{current.name}”
        </Button>
      )}
      {current && canEdit && (
        <button
          type="button"
          aria-label={`Delete the view ${current.name}`}
          onClick={() => setDeleting(true)}
          className="cursor-pointer rounded p-1.5 text-muted hover:bg-subtle hover:text-danger"
        >
          <Trash2 className="size-3.5" aria-hidden="true" />
        </button>
      )}
      <Dialog
        open={naming}
        onClose={() => setNaming(false)}
        title="Save as a view"
        description="Everyone in the project can open it; it keeps the filters, the sort order and the grouping."
      >
        <form onSubmit={create} noValidate className="space-y-4" aria-label="Save the view">
          {formLevelError(save.error, ['name']) && <Alert>{formLevelError(save.error, ['name'])}</Alert>}
          <InputField
            label="Name"
            name="name"
            autoFocus
            autoComplete="off"
            placeholder="e.g. My urgent work"
            error={serverFieldError(save.error, 'name')}
          />
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={() => setNaming(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={save.isPending}>
              Save view
            </Button>
          </div>
        </form>
      </Dialog>
      <ConfirmDialog
        open={deleting}
        title={`Delete the view “${current?.name ?? ''}”?`}
        description="The view goes for everyone in the project. The work items stay as they are."
        confirmLabel="Delete view"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(false)}
        onConfirm={() =>
          current &&
          remove.mutate(current.id, {
            onSuccess: () => {
              setDeleting(false);
              const next = new URLSearchParams(params);
              next.delete('view');
              show(next);
            },
          })
        }
      />
    </>
  );
}
