import { FolderKanban, House, Keyboard } from 'lucide-react';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Dialog } from '@/components/ui/dialog.tsx';
import type { Workspace } from '@/lib/api-types.ts';
import { isTyping, useCommands, useRegisteredCommands, type AppCommand } from '@/lib/commands.ts';
import { paletteShortcut } from './sidebar.tsx';
import { workspacePath } from './nav.ts';

/** The keys of a shortcut as <kbd>s: `g p` reads "g then p". */
export function Keys({ keys }: { keys: string }) {
  const steps = keys.split(' ');
  return (
    <span className="inline-flex items-center gap-1 text-muted">
      {steps.map((step, index) => (
        <Fragment key={index}>
          {index > 0 && <span className="text-xs">then</span>}
          <kbd className="min-w-6 rounded border border-line bg-canvas px-1.5 py-0.5 text-center font-sans text-xs text-ink">
            {step}
          </kbd>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * Single-key shortcuts and `g`-sequences for whatever the screen registered, ignored while typing or while a
 * dialog is open; `?` lists them all.
 */
export function KeyboardShortcuts({ current }: { current: Workspace | undefined }) {
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  const commands = useRegisteredCommands();
  const pending = useRef<{ keys: string; at: number } | null>(null);

  const globals = useMemo<AppCommand[]>(() => {
    const list: AppCommand[] = [
      {
        id: 'shortcuts-help',
        label: 'Show keyboard shortcuts',
        group: 'Help',
        keys: '?',
        keywords: 'keys hotkeys help',
        icon: Keyboard,
        run: () => setHelpOpen(true),
      },
    ];
    if (current) {
      list.push(
        {
          id: 'go-projects',
          label: 'Go to projects',
          group: 'Navigation',
          keys: 'g p',
          icon: FolderKanban,
          inPalette: false,
          run: () => navigate(workspacePath(current.slug, 'projects')),
        },
        {
          id: 'go-home',
          label: 'Go to workspace home',
          group: 'Navigation',
          keys: 'g h',
          icon: House,
          inPalette: false,
          run: () => navigate(workspacePath(current.slug, '')),
        },
      );
    }
    return list;
  }, [current, navigate]);
  useCommands(globals);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key.length !== 1) return;
      const now = Date.now();
      const prefix = pending.current && now - pending.current.at < 1500 ? `${pending.current.keys} ` : '';
      const typed = `${prefix}${event.key}`;
      const withKeys = commands.filter((c) => c.keys);
      const exact = withKeys.find((c) => c.keys === typed) ?? withKeys.find((c) => c.keys === event.key);
      if (exact && (exact.keys === typed || !withKeys.some((c) => c.keys?.startsWith(`${typed} `)))) {
        event.preventDefault();
        pending.current = null;
        exact.run();
        return;
      }
      pending.current = withKeys.some((c) => c.keys?.startsWith(`${typed} `))
        ? { keys: typed, at: now }
        : null;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);

  const listed = [
    ...commands.filter((c) => c.keys),
    {
      id: 'palette',
      label: 'Open the command palette',
      group: 'Help',
      keys: paletteShortcut.replace(' ', '+'),
      run: () => {},
    },
  ];
  const groups = [...new Set(listed.map((c) => c.group))];
  return (
    <Dialog
      open={helpOpen}
      onClose={() => setHelpOpen(false)}
      title="Keyboard shortcuts"
      description="Single keys work anywhere outside a text field. Shortcuts of a screen appear while it is open."
      className="w-[min(32rem,calc(100vw-2rem))]"
    >
      <div className="space-y-4">
        {groups.map((group) => (
          <section key={group} aria-label={group}>
            <h3 className="mb-1.5 text-xs font-medium text-muted">{group}</h3>
            <dl className="divide-y divide-line rounded-md border border-line">
              {listed
                .filter((c) => c.group === group)
                .map((c) => (
                  <div key={c.id} className="flex items-center justify-between gap-3 px-3 py-2">
                    <dt>{c.label}</dt>
                    <dd>
                      <Keys keys={c.keys!} />
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
