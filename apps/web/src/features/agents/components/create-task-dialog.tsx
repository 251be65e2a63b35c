import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { controlClasses, FieldShell, InputField, SelectField } from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import { formLevelError, serverFieldError } from '@/lib/forms.ts';
import { useAgents } from '../api/get-agents.ts';
import { useCreateTask } from '../api/task-mutations.ts';
import { useAgentKinds } from '../api/get-agent-kinds.ts';
import { exampleTask, type AgentTask } from '../api/types.ts';

interface CreateTaskDialogProps {
  slug: string;
  open: boolean;
  onClose: () => void;
  onCreated: (task: AgentTask) => void;
}

/** Gives an agent a task by hand: its type and input (prefilled with an example of the agent's kind). */
export function CreateTaskDialog({ slug, open, onClose, onCreated }: CreateTaskDialogProps) {
  const agents = useAgents(slug);
  const kinds = useAgentKinds(slug);
  const create = useCreateTask(slug);
  const usable = (agents.data ?? []).filter((a) => a.status !== 'disabled');
  const [agentId, setAgentId] = useState('');
  const agent = usable.find((a) => a.id === agentId) ?? usable[0];
  const [taskType, setTaskType] = useState<string | null>(null);
  const [input, setInput] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string>();

  const close = () => {
    create.reset();
    setAgentId('');
    setTaskType(null);
    setInput(null);
    setInputError(undefined);
    onClose();
  };

  const example = exampleTask(kinds.data?.find((k) => k.agent_type === agent?.agent_type));
  const shownType = taskType ?? example.taskType;
  const shownInput = input ?? JSON.stringify(example.input, null, 2);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!agent) return;
    const form = new FormData(event.currentTarget);
    let parsed: unknown;
    try {
      parsed = JSON.parse(shownInput);
    } catch {
      parsed = null;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setInputError('Write the input as a JSON object, e.g. {"diff": "…"}.');
      return;
    }
    setInputError(undefined);
    const description = String(form.get('description') ?? '').trim();
    create.mutate(
      {
        agent_id: agent.id,
        task_type: shownType.trim(),
        input: parsed as Record<string, unknown>,
        priority: Number(form.get('priority') ?? 5),
        requires_human_approval: form.get('requires_human_approval') === 'on',
        ...(description ? { description } : {}),
      },
      {
        onSuccess: (task) => {
          close();
          onCreated(task);
        },
      },
    );
  };

  const fields = ['agent_id', 'task_type', 'input', 'priority', 'description'];
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Run a task"
      description="The agent picks it up at once; follow it on the task page."
      className="w-[min(36rem,calc(100vw-2rem))]"
    >
      {usable.length === 0 ? (
        <p className="text-muted">Create an agent (or enable one) first: tasks are run by agents.</p>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4" aria-label="Run a task">
          {formLevelError(create.error, fields) && <Alert>{formLevelError(create.error, fields)}</Alert>}
          <SelectField
            label="Agent"
            name="agent_id"
            value={agent?.id ?? ''}
            onChange={(e) => {
              setAgentId(e.target.value);
              setTaskType(null);
              setInput(null);
            }}
            error={serverFieldError(create.error, 'agent_id')}
          >
            {usable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <InputField
            label="Task type"
            name="task_type"
            value={shownType}
            onChange={(e) => setTaskType(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            error={serverFieldError(create.error, 'task_type')}
          />
          <InputField
            label="Description (optional)"
            name="description"
            autoComplete="off"
            error={serverFieldError(create.error, 'description')}
          />
          <FieldShell
            label="Input (JSON)"
            error={inputError ?? serverFieldError(create.error, 'input')}
            hint="Prefilled with an example for this kind of agent."
          >
            {({ id, describedBy }) => (
              <textarea
                id={id}
                name="input"
                aria-describedby={describedBy}
                aria-invalid={inputError ? true : undefined}
                rows={9}
                spellCheck={false}
                value={shownInput}
                onChange={(e) => setInput(e.target.value)}
                className={cn(controlClasses, 'py-2 font-mono text-[13px]')}
              />
            )}
          </FieldShell>
          <div className="flex flex-wrap items-end gap-4">
            <SelectField label="Priority" name="priority" defaultValue="5" className="w-40">
              {Array.from({ length: 10 }, (_, i) => 10 - i).map((p) => (
                <option key={p} value={p}>
                  {p}
                  {p === 10 ? ' (highest)' : p === 1 ? ' (lowest)' : ''}
                </option>
              ))}
            </SelectField>
            <label className="flex h-9 items-center gap-2 text-sm">
              <input type="checkbox" name="requires_human_approval" className="size-4 accent-accent" />
              Wait for my approval before it completes
            </label>
          </div>
          <div className="flex justify-end gap-2 pt-1">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" pending={create.isPending}>
              Run task
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
