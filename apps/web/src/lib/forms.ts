import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';

export type FieldErrors = Partial<Record<string, string>>;

/** Reads a form's fields and checks them against the endpoint's input schema. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: HTMLFormElement,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const values = Object.fromEntries(new FormData(form).entries());
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The server names the field at fault; show its message there, and anything else above the form. */
export function serverFieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError && error.field === field ? error.message : undefined;
}

export function formLevelError(error: unknown, fields: string[]): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof ApiError && error.field && fields.includes(error.field)) return undefined;
  return error.message;
}

/** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: HTMLFormElement, errors: FieldErrors): void {
  const first = Object.keys(errors)[0];
  const element = first ? form.elements.namedItem(first) : null;
  if (element instanceof HTMLElement) element.focus();
}

/**
 * A form checked against its endpoint's input schema on submit: the first wrong field gets the focus and each
 * shows its message; a valid form clears them and hands the parsed values to `onValid`.
 */
export function useSchemaForm<S extends z.ZodType>(schema: S, onValid: (data: z.infer<S>) => void) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseForm(schema, event.currentTarget);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusFirstError(event.currentTarget, parsed.errors);
      return;
    }
    setErrors({});
    onValid(parsed.data);
  };
  return { errors, setErrors, onSubmit };
}
