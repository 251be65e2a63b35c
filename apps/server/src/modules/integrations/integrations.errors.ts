import { defineErrors } from '../../platform/errors/app-error.ts';

export const IntegrationErrors = defineErrors({
  DEPLOYMENT_NOT_FOUND: { status: 404, message: 'The deployment does not exist.' },
  DEPLOYMENT_TRANSITION_INVALID: {
    status: 409,
    message: 'The deployment has finished (ready, error or canceled); its state cannot change any more.',
  },
  DEPLOY_HOOK_NOT_FOUND: { status: 404, message: 'The deploy hook does not exist.' },
  DEPLOY_HOOK_NAME_TAKEN: { status: 409, message: 'The workspace has a deploy hook of that name already.' },
});
