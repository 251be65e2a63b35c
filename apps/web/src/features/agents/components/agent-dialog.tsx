import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { controlClasses, FieldShell, InputField, SelectField } from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import { agentInput, useCreateAgent, useUpdateAgent } from '../api/agent-mutations.ts';
import { useAgentKinds } from '../api/get-agent-kinds.ts';
import { kindLabel, type Agent } from '../api/types.ts';

interface AgentDialogProps {
  slug: string;
  open: boolean;
  /** The agent to configure; a new one when absent. */
  agent?: Agent;
  onClose: () => void;
}

/** Creates an agent of one of the installed kinds, or configures one (name, concurrency, configuration). */
export function AgentDialog({ slug, open, agent, onClose }: AgentDialogProps) {
  const create = useCreateAgent(slug);
  const update = useUpdateAgent(slug);
  const mutation = agent ? update : create;
  const {
    errors,
    setErrors,
    onSubmit: submit,
  } = useSchemaForm(agentInput, (data) => {
    if (agent) {
      const { name, max_concurrency, configuration } = data;
      update.mutate({ id: agent.id, patch: { name, max_concurrency, configuration } }, { onSuccess: close });
    } else create.mutate(data, { onSuccess: close });
  });
  const kinds = useAgentKinds(slug);
  const [chosenKind, setKind] = useState<string>();
  const kind = chosenKind ?? kinds.data?.[0]?.agent_type ?? '';

  // A declaration, so the submit handler above can close the dialog too.
  function close() {
    create.reset();
    update.reset();
    setErrors({});
    onClose();
  }

  const fields = ['name', 'agent_type', 'max_concurrency', 'configuration'];
  const title = agent ? `Configure ${agent.name}` : 'Create an agent';
  const description = kinds.data?.find((k) => k.agent_type === (agent?.agent_type ?? kind))?.description;
  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label={title}>
        {formLevelError(mutation.error, fields) && <Alert>{formLevelError(mutation.error, fields)}</Alert>}
        <InputField
          label="Name"
          name="name"
          defaultValue={agent?.name ?? ''}
          placeholder="Reviewer"
          autoFocus
          autoComplete="off"
          error={errors.name ?? serverFieldError(mutation.error, 'name')}
        />
        {agent ? (
          <>
            <input type="hidden" name="agent_type" value={agent.agent_type} />
            <p className="text-[13px] text-muted">Kind: {kindLabel(agent.agent_type)}</p>
          </>
        ) : (
          <SelectField
            label="Kind"
            name="agent_type"
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            error={errors.agent_type ?? serverFieldError(mutation.error, 'agent_type')}
          >
            {kinds.isPending && <option value="">Loading…</option>}
            {kinds.data?.map((k) => (
              <option key={k.agent_type} value={k.agent_type}>
                {kindLabel(k.agent_type)}
              </option>
            ))}
          </SelectField>
        )}
        <InputField
          label="Tasks at a time"
          name="max_concurrency"
          type="number"
          min={1}
          max={50}
          defaultValue={agent?.max_concurrency ?? 1}
          error={errors.max_concurrency ?? serverFieldError(mutation.error, 'max_concurrency')}
        />
        <FieldShell
          label="Configuration (JSON, optional)"
          error={errors.configuration ?? serverFieldError(mutation.error, 'configuration')}
          hint='Settings of this kind of agent, e.g. {"max_files": 25}.'
        >
          {({ id, describedBy }) => (
            <textarea
              id={id}
              name="configuration"
              aria-describedby={describedBy}
              rows={3}
              spellCheck={false}
              defaultValue={agent ? JSON.stringify(agent.configuration, null, 2) : ''}
              className={cn(controlClasses, 'py-2 font-mono text-[13px]')}
            />
          )}
        </FieldShell>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            {agent ? 'Save' : 'Create agent'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
