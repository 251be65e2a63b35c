import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';
import { AppError } from '../../../platform/errors/app-error.ts';

/**
 * Validates Plane routes with their zod schemas but answers as Django REST framework does: every bad field at
 * once, `{"name": ["This field is required."], ...}`. A path id that does not parse matches no route in Plane, so
 * it is the JSON 404 there too.
 */
export const drfValidatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // DRF reads a missing body as an empty form: required fields are then reported one by one.
    const input = httpPart === 'body' && (data === undefined || data === null) ? {} : data;
    const result = safeParse(schema, input, { reportInput: true });
    if (!result.error) return { value: result.data };
    if (httpPart === 'params') return { error: new AppError('ROUTE_NOT_FOUND') };
    return { error: drfValidationError(result.error.issues) };
  };

function drfValidationError(issues: readonly $ZodIssue[]): AppError {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    // The first named segment: a list body's bad item (`[0].value`) is reported under its field.
    const key = issue.path.find((p): p is string => typeof p === 'string') ?? 'non_field_errors';
    (fields[key] ??= []).push(drfMessage(issue));
  }
  const [first] = Object.entries(fields);
  return new AppError('VALIDATION_FAILED', {
    field: first?.[0],
    message: first?.[1][0],
    details: { fields },
  });
}

function drfMessage(issue: $ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'This field is required.';
      if (input === null) return 'This field may not be null.';
      return typeMessage(issue.expected, input);
    case 'too_big':
      return issue.origin === 'string'
        ? `Ensure this field has no more than ${issue.maximum} characters.`
        : issue.origin === 'array'
          ? `Ensure this field has no more than ${issue.maximum} elements.`
          : `Ensure this value is less than or equal to ${issue.maximum}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? 'This field may not be blank.'
          : `Ensure this field has at least ${issue.minimum} characters.`;
      }
      return `Ensure this value is greater than or equal to ${issue.minimum}.`;
    case 'invalid_value':
      if (input === undefined) return 'This field is required.';
      if (input === null) return 'This field may not be null.';
      return `"${String(input)}" is not a valid choice.`;
    case 'invalid_format':
      return formatMessage(issue.format, issue.message);
    default:
      return issue.message;
  }
}

function typeMessage(expected: string, input: unknown): string {
  switch (expected) {
    case 'string':
      return 'Not a valid string.';
    case 'number':
    case 'int':
      return 'A valid integer is required.';
    case 'boolean':
      return 'Must be a valid boolean.';
    case 'array':
      return `Expected a list of items but got type "${pythonType(input)}".`;
    case 'object':
    case 'record':
      return `Expected a dictionary of items but got type "${pythonType(input)}".`;
    default:
      return 'Invalid value.';
  }
}

function formatMessage(format: string, fallback: string): string {
  switch (format) {
    case 'uuid':
      return 'Must be a valid UUID.';
    case 'date':
      return 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.';
    case 'datetime':
      return 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';
    case 'url':
      return 'Enter a valid URL.';
    default:
      return fallback;
  }
}

function pythonType(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'boolean') return 'bool';
  return 'dict';
}
