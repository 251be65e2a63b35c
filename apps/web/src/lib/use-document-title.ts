import { useEffect } from 'react';

/** "Members · Northwind · Agency OS": screen readers announce the new title after each navigation. */
export function useDocumentTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter(Boolean), 'Agency OS'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
