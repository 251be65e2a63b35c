import { Link } from 'react-router';
import { useItemByRef } from '../api/get-item-by-ref.ts';

/**
 * A work item named by its key (`WEB-12`): a link to its page once the key is found, the plain key while it is
 * looked up or when the item is gone.
 */
export function ItemRefLink({ slug, itemRef, name }: { slug: string; itemRef: string; name: string }) {
  const item = useItemByRef(slug, itemRef);
  const label = (
    <>
      <span className="font-mono text-[12px]">{itemRef}</span> {name}
    </>
  );
  if (!item.data) return <span className="text-ink">{label}</span>;
  return (
    <Link
      to={`/${slug}/projects/${item.data.project}/items/${item.data.id}`}
      className="text-ink underline decoration-line underline-offset-2 hover:decoration-ink"
    >
      {label}
    </Link>
  );
}
