import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { EmptyState } from './states.tsx';

/**
 * A project feature that is switched off: says what it is for and lets a project admin turn it on here;
 * everyone else is told whom to ask.
 */
export function FeatureOff({
  icon,
  title,
  children,
  canEnable,
  pending,
  enableLabel,
  onEnable,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  canEnable: boolean;
  pending?: boolean;
  enableLabel: string;
  onEnable: () => void;
}) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      action={
        canEnable ? (
          <Button variant="primary" pending={pending} onClick={onEnable}>
            {enableLabel}
          </Button>
        ) : undefined
      }
    >
      {children}
      {!canEnable && ' Ask a project admin to turn it on in the project settings.'}
    </EmptyState>
  );
}
