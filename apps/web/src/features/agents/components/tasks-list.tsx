import { ListChecks, Play } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { timeAgo } from '@/lib/format.ts';
import { useAgents } from '../api/get-agents.ts';
import { useTasks } from '../api/get-tasks.ts';
import { taskStatuses, type AgentTask } from '../api/types.ts';
import { CreateTaskDialog } from './create-task-dialog.tsx';
import { formatSeconds, taskLabels, TaskStatusBadge } from './status.tsx';

interface TasksListProps {
  slug: string;
  canRun: boolean;
  taskPath: (id: string) => string;
  initialStatus?: string;
}

/** The workspace's tasks, newest first, with live status; filters by status and agent. */
export function TasksList({ slug, canRun, taskPath, initialStatus = '' }: TasksListProps) {
  const [status, setStatus] = useState(initialStatus);
  const [agentId, setAgentId] = useState('');
  const tasks = useTasks(slug, { status, agent_id: agentId });
  const agents = useAgents(slug);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const agentName = (id: string) => agents.data?.find((a) => a.id === id)?.name ?? 'Deleted agent';

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap gap-3">
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="w-44"
          >
            <option value="">Any status</option>
            {taskStatuses.map((s) => (
              <option key={s} value={s}>
                {taskLabels[s]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Agent"
            value={agentId}
            onChange={(e) => setAgentId(e.target.value)}
            className="w-44"
          >
            <option value="">Any agent</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
        </div>
        {canRun && (
          <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
            <Play className="size-4" aria-hidden="true" />
            Run a task
          </Button>
        )}
      </div>
      {tasks.isPending ? (
        <LoadingState label="Loading tasks…" />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.data.results.length === 0 ? (
        <EmptyState
          icon={ListChecks}
          title={status || agentId ? 'No tasks match these filters' : 'No tasks yet'}
          action={
            canRun &&
            !status &&
            !agentId && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                Run a task
              </Button>
            )
          }
        >
          {status || agentId
            ? 'Choose another status or agent.'
            : 'Give an agent a task by hand, or let workflows and integrations hand them out.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface shadow-xs">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Agent tasks, newest first</caption>
            <thead className="border-b border-line text-[13px] text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Task
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Agent
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Attempts
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Duration
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.results.map((task: AgentTask) => (
                <tr
                  key={task.id}
                  data-testid={`task-${task.id}`}
                  className="border-b border-line last:border-0"
                >
                  <td className="px-4 py-2.5">
                    <Link to={taskPath(task.id)} className="font-medium text-ink hover:underline">
                      {task.description || task.task_type.replaceAll('_', ' ')}
                    </Link>
                    <span className="block text-xs text-muted">{task.task_type}</span>
                  </td>
                  <td className="px-4 py-2.5 text-muted">{agentName(task.agent_id)}</td>
                  <td className="px-4 py-2.5">
                    <TaskStatusBadge status={task.status} />
                  </td>
                  <td className="px-4 py-2.5 text-muted">
                    {task.attempts}/{task.max_attempts}
                  </td>
                  <td className="px-4 py-2.5 text-muted">{formatSeconds(task.duration_seconds)}</td>
                  <td className="px-4 py-2.5 text-muted">{timeAgo(task.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTaskDialog
        slug={slug}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(task) => navigate(taskPath(task.id))}
      />
    </>
  );
}
