import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

/** `danger` for an action that failed after the screen had already shown it done (optimistic updates). */
export type ToastTone = 'success' | 'danger';
type ShowToast = (message: string, options?: { tone?: ToastTone }) => void;

const ToastContext = createContext<ShowToast>(() => {});

/** Short confirmations after an action ("Invitation sent"); read out by screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (message: string, options?: { tone?: ToastTone }) => {
      const id = Date.now() + Math.random();
      const tone = options?.tone ?? 'success';
      setToasts((all) => [...all.slice(-2), { id, message, tone }]);
      window.setTimeout(() => dismiss(id), tone === 'danger' ? 8000 : 4000);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex flex-col items-end gap-2"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === 'danger' ? 'alert' : undefined}
            className="pointer-events-auto flex items-center gap-2.5 rounded-lg border border-line bg-surface py-2.5 pr-2 pl-3.5 text-ink shadow-lg"
          >
            {toast.tone === 'danger' ? (
              <CircleAlert className="size-4 text-danger" aria-hidden="true" />
            ) : (
              <CircleCheck className="size-4 text-success" aria-hidden="true" />
            )}
            <span>{toast.message}</span>
            <button
              type="button"
              className="cursor-pointer rounded p-1 text-muted hover:bg-subtle"
              onClick={() => dismiss(toast.id)}
              aria-label="Dismiss"
            >
              <X className="size-3.5" aria-hidden="true" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  return useContext(ToastContext);
}
