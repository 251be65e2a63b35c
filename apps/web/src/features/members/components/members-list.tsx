import { UserMinus, Users } from 'lucide-react';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDate } from '@/lib/format.ts';
import { canAssignRole, roleLabels, roles, type Role } from '@/lib/permissions.ts';
import { useChangeMemberRole } from '../api/change-member-role.ts';
import { useMembers, type Member } from '../api/get-members.ts';
import { useRemoveMember } from '../api/remove-member.ts';

interface MembersListProps {
  slug: string;
  myRole: Role;
  myUserId: string;
  onLeave: () => void;
}

/** Everyone in the workspace; role and removal controls appear only where the viewer's role allows them. */
export function MembersList({ slug, myRole, myUserId, onLeave }: MembersListProps) {
  const members = useMembers(slug);
  const changeRole = useChangeMemberRole(slug);
  const remove = useRemoveMember(slug);
  const toast = useToast();
  const [removing, setRemoving] = useState<Member | null>(null);

  if (members.isPending) return <LoadingState label="Loading members…" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => members.refetch()} />;
  if (members.data.length === 0)
    return (
      <EmptyState icon={Users} title="No members yet">
        Invite people to work here together.
      </EmptyState>
    );

  const onRoleChange = (member: Member, role: Role) =>
    changeRole.mutate(
      { slug, userId: member.user_id, role },
      { onSuccess: () => toast(`${member.name} is now ${roleLabels[role].toLowerCase()}`) },
    );

  return (
    <>
      {changeRole.error && (
        <div className="px-5 pt-4">
          <Alert>{changeRole.error.message}</Alert>
        </div>
      )}
      <ul className="divide-y divide-line" aria-label="Members">
        {members.data.map((member) => {
          const isMe = member.user_id === myUserId;
          const assignable = roles.filter((r) => canAssignRole(myRole, member.role, r));
          const canEdit = !isMe && assignable.length > 0;
          return (
            <li key={member.user_id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3">
              <Avatar name={member.name} />
              <div className="min-w-0 flex-1">
                <p className="flex items-center gap-2 truncate font-medium text-ink">
                  {member.name}
                  {isMe && <Badge tone="accent">You</Badge>}
                </p>
                <p className="truncate text-muted">{member.email}</p>
              </div>
              <p className="hidden w-36 whitespace-nowrap text-muted md:block">
                Joined {formatDate(member.joined_at)}
              </p>
              <div className="w-32">
                {canEdit ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => onRoleChange(member, e.target.value as Role)}
                    className={cn(controlClasses, 'h-8 pr-7 text-[13px]')}
                  >
                    {assignable.map((r) => (
                      <option key={r} value={r}>
                        {roleLabels[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="inline-block px-3 text-[13px] text-muted">{roleLabels[member.role]}</span>
                )}
              </div>
              <div className="flex w-24 justify-end">
                {isMe ? (
                  <Button size="sm" variant="ghost" onClick={onLeave}>
                    Leave
                  </Button>
                ) : canEdit ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setRemoving(member)}
                    aria-label={`Remove ${member.name}`}
                  >
                    <UserMinus className="size-3.5" aria-hidden="true" />
                    Remove
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? ''}?`}
        description="They lose access to this workspace at once. You can invite them again later."
        confirmLabel="Remove member"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(
            { slug, userId: removing.user_id },
            {
              onSuccess: () => {
                toast(`${removing.name} was removed`);
                setRemoving(null);
              },
            },
          )
        }
      />
    </>
  );
}
