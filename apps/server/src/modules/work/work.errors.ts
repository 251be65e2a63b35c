import { defineErrors } from '../../platform/errors/app-error.ts';

/** The work core's rule violations, worded as Plane words them (its clients show these texts). */
export const WorkErrors = defineErrors({
  PROJECT_NAME_TAKEN: { status: 409, message: 'The project name is already taken' },
  PROJECT_IDENTIFIER_TAKEN: { status: 409, message: 'The project identifier is already taken' },
  PROJECT_ARCHIVED: { status: 400, message: 'Archived project cannot be updated' },
  PROJECT_NOT_FOUND: { status: 404, message: 'Project not found' },
  PAYLOAD_INVALID: { status: 400, message: 'The payload is not valid' },
  STATE_NAME_TAKEN: { status: 409, message: 'State with the same name already exists in the project' },
  STATE_EXTERNAL_TAKEN: {
    status: 409,
    message: 'State with the same external id and external source already exists',
  },
  DEFAULT_STATE_UNDELETABLE: { status: 400, message: 'Default state cannot be deleted' },
  DEFAULT_STATE_REQUIRED: {
    status: 400,
    message: 'A project needs one default state: make another state the default instead',
  },
  STATE_NOT_EMPTY: { status: 400, message: 'The state is not empty, only empty states can be deleted' },
  LABEL_NAME_TAKEN: { status: 409, message: 'Label with the same name already exists in the project' },
  LABEL_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Label with the same external id and external source already exists',
  },
  WORK_ITEM_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Work item with the same external id and external source already exists',
  },
  WORK_ITEM_DELETE_FORBIDDEN: { status: 403, message: 'Only admin or creator can delete the work item' },
  COMMENT_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Work item comment with the same external id and external source already exists',
  },
  LINK_EXISTS: { status: 400, message: 'URL already exists for this Issue' },
  ACTIVITY_NOT_FOUND: { status: 404, message: 'Activity not found.' },
});
