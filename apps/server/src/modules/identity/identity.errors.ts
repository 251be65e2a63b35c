import { defineErrors } from '../../platform/errors/app-error.ts';

export const IdentityErrors = defineErrors({
  WORKSPACE_SLUG_TAKEN: { status: 409, message: 'That workspace URL is already taken.' },
  WORKSPACE_NOT_FOUND: { status: 404, message: 'The workspace does not exist.' },
  USER_NOT_FOUND: { status: 404, message: 'No user has that e-mail address.' },
  USER_EXISTS: { status: 409, message: 'A user with that e-mail address already exists.' },
  MEMBER_NOT_FOUND: { status: 404, message: 'That person is not a member of this workspace.' },
  ALREADY_MEMBER: { status: 409, message: 'That person is already a member of this workspace.' },
  LAST_OWNER: {
    status: 409,
    message: 'A workspace needs at least one owner; make someone else owner first.',
  },
  ROLE_NOT_GRANTABLE: { status: 403, message: 'You cannot grant or change that role.' },
  INVITATION_NOT_FOUND: { status: 404, message: 'This invitation does not exist or was withdrawn.' },
  INVITATION_EXPIRED: { status: 410, message: 'This invitation has expired; ask for a new one.' },
  INVITATION_USED: { status: 410, message: 'This invitation has already been accepted.' },
  INVITATION_EMAIL_MISMATCH: {
    status: 403,
    message: 'This invitation was sent to another e-mail address; sign in with that address to accept it.',
  },
  API_TOKEN_NOT_FOUND: { status: 404, message: 'The API token does not exist.' },
});
