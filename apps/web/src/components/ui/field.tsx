import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { cn } from '@/lib/cn.ts';

export const controlClasses =
  'block w-full rounded-md border border-line-strong bg-surface px-3 text-sm text-ink shadow-xs placeholder:text-muted/70 focus-visible:border-accent-text focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-text/40 aria-invalid:border-danger disabled:opacity-60';

interface FieldShellProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
  className?: string;
  hideLabel?: boolean;
}

/** A label, the control, and a hint or error tied to it with aria-describedby. */
export function FieldShell({ label, hint, error, children, className, hideLabel }: FieldShellProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={id} className={cn('block text-[13px] font-medium text-ink', hideLabel && 'sr-only')}>
        {label}
      </label>
      {children({ id, describedBy: error || hint ? noteId : undefined })}
      {error ? (
        <p id={noteId} className="text-[13px] text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={noteId} className="text-[13px] text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  hideLabel?: boolean;
};

export function InputField({ label, hint, error, className, hideLabel, ...input }: InputFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      {({ id, describedBy }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={cn(controlClasses, 'h-9')}
          {...input}
        />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  hideLabel?: boolean;
};

export function SelectField({
  label,
  hint,
  error,
  className,
  hideLabel,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      {({ id, describedBy }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={cn(controlClasses, 'h-9 pr-8')}
          {...select}
        >
          {children}
        </select>
      )}
    </FieldShell>
  );
}
