import { defineErrors } from '../../platform/errors/app-error.ts';

export const AgentErrors = defineErrors({
  AGENT_NOT_FOUND: { status: 404, message: 'The agent does not exist.' },
  AGENT_TASK_NOT_FOUND: { status: 404, message: 'The agent task does not exist.' },
  AGENT_TYPE_UNKNOWN: { status: 400, message: 'There is no agent of that type.' },
  AGENT_TASK_TYPE_UNSUPPORTED: { status: 400, message: 'That agent does not take tasks of that type.' },
  AGENT_TRANSITION_INVALID: { status: 409, message: 'The agent cannot change to that status now.' },
  AGENT_BUSY: { status: 409, message: 'The agent is working; cancel its running tasks or wait for them.' },
  AGENT_DISABLED: { status: 409, message: 'The agent is disabled; enable it before giving it tasks.' },
  TASK_TRANSITION_INVALID: { status: 409, message: 'The task cannot do that in its current state.' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    message: 'That idempotency key was already used for a different task.',
  },
  WORKFLOW_NOT_FOUND: { status: 404, message: 'The workflow does not exist.' },
  WORKFLOW_EXECUTION_NOT_FOUND: { status: 404, message: 'The workflow execution does not exist.' },
  WORKFLOW_STEP_NOT_FOUND: { status: 404, message: 'The execution has no step with that key.' },
  WORKFLOW_TRANSITION_INVALID: {
    status: 409,
    message: 'The workflow execution or step cannot do that in its current state.',
  },
});
