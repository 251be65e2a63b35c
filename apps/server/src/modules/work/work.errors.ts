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
  ESTIMATE_EXISTS: { status: 409, message: 'An estimate already exists for this project' },
  ESTIMATE_NOT_FOUND: { status: 404, message: 'Estimate not found' },
  ESTIMATE_POINT_NOT_FOUND: { status: 404, message: 'Estimate point not found' },
  ESTIMATE_POINTS_REQUIRED: { status: 400, message: 'Estimate points are required' },
  ESTIMATE_POINT_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Estimate point with the same external id and external source already exists',
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
  VIEW_EDIT_FORBIDDEN: {
    status: 403,
    message: 'Only the owner of the view or a project admin can change it',
  },
  ATTACHMENT_INVALID: { status: 400, message: 'Invalid request.' },
  ATTACHMENT_TYPE_INVALID: { status: 400, message: 'Invalid file type.' },
  ATTACHMENT_TOO_LARGE: { status: 400, message: 'File size exceeds the limit.' },
  ATTACHMENT_NOT_UPLOADED: { status: 400, message: 'The asset is not uploaded yet.' },
  ATTACHMENT_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Attachment with the same external id and external source already exists',
  },
  UPLOAD_SIGNATURE_INVALID: {
    status: 403,
    message: 'The upload or download link is invalid or has expired.',
  },
  MODULE_NAME_TAKEN: { status: 400, message: 'Module with this name already exists' },
  MODULE_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Module with the same external id and external source already exists',
  },
  MODULES_DISABLED: { status: 400, message: 'Modules are not enabled for this project' },
  MODULE_ARCHIVED: { status: 400, message: 'Archived module cannot be edited' },
  MODULE_NOT_ARCHIVABLE: { status: 400, message: 'Only completed or cancelled modules can be archived' },
  MODULE_DELETE_FORBIDDEN: { status: 403, message: 'Only admin or creator can delete the module' },
  MODULE_ISSUES_REQUIRED: { status: 400, message: 'Issues are required' },
  INTAKE_DISABLED: {
    status: 400,
    message: "Intake is not enabled for this project enable it through the project's api",
  },
  INTAKE_NAME_REQUIRED: { status: 400, message: 'Name is required' },
  INTAKE_PRIORITY_INVALID: { status: 400, message: 'Invalid priority' },
  INTAKE_EDIT_FORBIDDEN: { status: 400, message: 'You cannot edit intake work items' },
  INTAKE_NO_DEFAULT_STATE: {
    status: 400,
    message: 'Cannot accept intake issue: No default state found for the project',
  },
  STICKY_NOT_FOUND: { status: 404, message: 'No Sticky matches the given query.' },
  NOTIFICATION_NOT_FOUND: { status: 404, message: 'Notification not found.' },
  WORKLOG_DISABLED: { status: 404, message: 'Worklog is not enabled for the project' },
  WORKLOG_EDIT_FORBIDDEN: {
    status: 403,
    message: 'Only a project admin or the person who logged the time can change a work log',
  },
  CYCLES_DISABLED: { status: 400, message: 'Cycles are not enabled for this project' },
  CYCLE_DATES_PAIRED: {
    status: 400,
    message: 'Both start date and end date are either required or are to be null',
  },
  CYCLE_ARCHIVED: { status: 400, message: 'Archived cycle cannot be edited' },
  CYCLE_ENDED: { status: 400, message: 'The Cycle has already been completed so it cannot be edited' },
  CYCLE_COMPLETED: {
    status: 400,
    message: 'The Cycle has already been completed so no new issues can be added',
  },
  CYCLE_NOT_COMPLETED: { status: 400, message: 'Only completed cycles can be archived' },
  CYCLE_WORK_ITEMS_REQUIRED: { status: 400, message: 'Work items are required' },
  CYCLE_TRANSFER_TARGET_REQUIRED: { status: 400, message: 'New Cycle Id is required' },
  CYCLE_TRANSFER_SOURCE_OPEN: { status: 400, message: 'The old cycle is not completed yet' },
  CYCLE_TRANSFER_TARGET_ENDED: {
    status: 400,
    message: 'The cycle where the issues are transferred is already completed',
  },
  CYCLE_DELETE_FORBIDDEN: { status: 403, message: 'Only admin or creator can delete the cycle' },
  CYCLE_EXTERNAL_TAKEN: {
    status: 409,
    message: 'Cycle with the same external id and external source already exists',
  },
});
