import { FileQuestion } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { isApiError } from '@/lib/api-client.ts';
import type { Project } from '@/lib/plane-types.ts';
import { useLabels } from '../api/get-labels.ts';
import { personName, useProjectMembers } from '../api/get-project-members.ts';
import { useStates } from '../api/get-states.ts';
import { useWorkItem } from '../api/get-work-item.ts';
import { useUpdateWorkItem } from '../api/update-work-item.ts';
import { ActivitySection } from './activity-section.tsx';
import { AttachmentsSection } from './attachments-section.tsx';
import { CommentsSection } from './comments-section.tsx';
import { itemKey } from './display.tsx';
import { LinksSection } from './links-section.tsx';
import { Properties } from './properties.tsx';
import { RichTextEditor } from './rich-text-editor.tsx';
import { SubItems } from './sub-items.tsx';

interface WorkItemDetailProps {
  slug: string;
  project: Project;
  itemId: string;
  canEdit: boolean;
  canComment: boolean;
  itemPath: (id: string) => string;
  boardPath: string;
  onTitle: (title: string) => void;
  /** More sections from other features (relations, time), shown after the links. */
  panels?: ReactNode;
}

export function WorkItemDetail(props: WorkItemDetailProps) {
  const { slug, project, itemId, canEdit, canComment, itemPath, boardPath, onTitle, panels } = props;
  const item = useWorkItem(slug, project.id, itemId);
  const states = useStates(slug, project.id);
  const labels = useLabels(slug, project.id);
  const members = useProjectMembers(slug, project.id);
  const update = useUpdateWorkItem(slug, project.id);
  const toast = useToast();
  const key = item.data ? itemKey(project.identifier, item.data.sequence_id) : '';

  useEffect(() => {
    if (item.data) onTitle(`${key} ${item.data.name}`);
  }, [item.data, key, onTitle]);

  if (item.isPending || states.isPending) return <LoadingState label="Loading the work item…" />;
  if (item.isError) {
    if (isApiError(item.error, 'NOT_FOUND'))
      return (
        <EmptyState
          icon={FileQuestion}
          title="This work item does not exist"
          action={
            <Link to={boardPath} className={buttonClasses()}>
              Back to the board
            </Link>
          }
        >
          It may have been deleted, or the link is wrong.
        </EmptyState>
      );
    return <ErrorState error={item.error} onRetry={() => item.refetch()} />;
  }
  if (states.isError) return <ErrorState error={states.error} onRetry={() => states.refetch()} />;

  const data = item.data;
  const people = members.data ?? [];
  const nameOf = (id: string | null) => {
    const person = id ? people.find((p) => p.id === id) : undefined;
    return person ? personName(person) : id ? 'A former member' : 'Someone';
  };
  const parent = data.parent;

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <div className="min-w-0 space-y-8">
        <div>
          <p className="mb-1 text-[13px] text-muted">
            {key}
            {parent && (
              <>
                {' · sub-item of '}
                <Link to={itemPath(parent)} className="text-accent-text hover:underline">
                  its parent
                </Link>
              </>
            )}
          </p>
          <h1 className="sr-only">
            {key} {data.name}
          </h1>
          <NameField
            name={data.name}
            editable={canEdit}
            onSave={(name) =>
              update.mutate(
                { id: data.id, patch: { name } },
                { onError: (e) => toast(`Could not rename: ${e.message}`, { tone: 'danger' }) },
              )
            }
          />
        </div>
        <section aria-labelledby="description-heading">
          <h2 id="description-heading" className="mb-2 text-[15px] font-semibold">
            Description
          </h2>
          <RichTextEditor
            label="Description"
            html={data.description_html}
            editable={canEdit}
            placeholder="No description yet."
            pending={update.isPending}
            onSave={(html) =>
              update.mutate(
                { id: data.id, patch: { description_html: html } },
                {
                  onError: (e) => toast(`Could not save the description: ${e.message}`, { tone: 'danger' }),
                },
              )
            }
          />
        </section>
        <SubItems
          slug={slug}
          project={project}
          parent={data}
          states={states.data}
          canEdit={canEdit}
          itemPath={itemPath}
        />
        <LinksSection slug={slug} projectId={project.id} itemId={data.id} canEdit={canEdit} />
        <AttachmentsSection slug={slug} projectId={project.id} itemId={data.id} canEdit={canEdit} />
        {panels}
        <CommentsSection
          slug={slug}
          projectId={project.id}
          itemId={data.id}
          canComment={canComment}
          nameOf={nameOf}
        />
        <ActivitySection slug={slug} projectId={project.id} itemId={data.id} nameOf={nameOf} />
      </div>
      <aside aria-labelledby="properties-heading" className="lg:sticky lg:top-6 lg:self-start">
        <h2 id="properties-heading" className="mb-3 text-[15px] font-semibold">
          Properties
        </h2>
        <div className="rounded-lg border border-line bg-surface p-4">
          <Properties
            slug={slug}
            project={project}
            item={data}
            states={states.data}
            labels={labels.data ?? []}
            people={people}
            canEdit={canEdit}
          />
        </div>
      </aside>
    </div>
  );
}

/** The name as a heading-sized field: Enter or leaving it saves, Escape restores. */
function NameField({
  name,
  editable,
  onSave,
}: {
  name: string;
  editable: boolean;
  onSave: (name: string) => void;
}) {
  const [value, setValue] = useState(name);
  // A new name from the server (a save, another person) replaces what the field shows.
  const [shown, setShown] = useState(name);
  if (name !== shown) {
    setShown(name);
    setValue(name);
  }
  if (!editable) return <p className="text-xl font-semibold tracking-tight">{name}</p>;
  const commit = () => {
    const trimmed = value.trim();
    if (!trimmed) setValue(name);
    else if (trimmed !== name) onSave(trimmed);
  };
  return (
    <input
      aria-label="Work item name"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.currentTarget.blur();
        } else if (e.key === 'Escape') {
          setValue(name);
        }
      }}
      className="-mx-2 w-full rounded-md border border-transparent bg-transparent px-2 py-1 text-xl font-semibold tracking-tight text-ink hover:border-line focus-visible:border-accent-text focus-visible:outline-none"
    />
  );
}
