import { Bold, Code, Italic, List, ListOrdered } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import { proseClasses, sanitize, SafeHtml } from './safe-html.tsx';

interface RichTextEditorProps {
  label: string;
  html: string;
  editable: boolean;
  placeholder: string;
  pending?: boolean;
  onSave: (html: string) => void;
}

const tools = [
  { command: 'bold', label: 'Bold', icon: Bold, keys: 'Ctrl+B' },
  { command: 'italic', label: 'Italic', icon: Italic, keys: 'Ctrl+I' },
  { command: 'insertUnorderedList', label: 'Bulleted list', icon: List },
  { command: 'insertOrderedList', label: 'Numbered list', icon: ListOrdered },
] as const;

/**
 * A small rich-text editor on contenteditable: bold, italic, lists and code, saved as HTML that the server
 * sanitizes (and the view sanitizes again). Save with the button or Ctrl/Cmd-Enter; Escape discards.
 */
export function RichTextEditor({ label, html, editable, placeholder, pending, onSave }: RichTextEditorProps) {
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (editing && ref.current) {
      ref.current.innerHTML = sanitize(html);
      ref.current.focus();
    }
  }, [editing, html]);

  const exec = (command: string) => {
    ref.current?.focus();
    document.execCommand(command);
  };
  const code = () => {
    const selection = window.getSelection()?.toString() ?? '';
    ref.current?.focus();
    if (selection) document.execCommand('insertHTML', false, `<code>${sanitize(selection)}</code>`);
  };
  const save = () => {
    const value = ref.current?.innerHTML.trim() ?? '';
    onSave(value === '' || value === '<br>' ? '<p></p>' : value);
    setEditing(false);
  };

  if (!editing) {
    const empty = html.replace(/<[^>]*>/g, '').trim() === '';
    return (
      <div>
        {empty ? (
          <p className="text-muted">{editable ? placeholder : 'No description.'}</p>
        ) : (
          <SafeHtml html={html} />
        )}
        {editable && (
          <Button size="sm" variant="ghost" className="mt-2 -ml-2.5" onClick={() => setEditing(true)}>
            {empty ? 'Add a description' : 'Edit description'}
          </Button>
        )}
      </div>
    );
  }
  return (
    <div className="rounded-md border border-line-strong focus-within:border-accent-text">
      <div role="toolbar" aria-label="Formatting" className="flex gap-0.5 border-b border-line p-1">
        {tools.map((tool) => (
          <button
            key={tool.command}
            type="button"
            aria-label={tool.label}
            title={'keys' in tool ? `${tool.label} (${tool.keys})` : tool.label}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => exec(tool.command)}
            className="cursor-pointer rounded p-1.5 text-muted hover:bg-subtle hover:text-ink"
          >
            <tool.icon className="size-4" aria-hidden="true" />
          </button>
        ))}
        <button
          type="button"
          aria-label="Code"
          onMouseDown={(e) => e.preventDefault()}
          onClick={code}
          className="cursor-pointer rounded p-1.5 text-muted hover:bg-subtle hover:text-ink"
        >
          <Code className="size-4" aria-hidden="true" />
        </button>
      </div>
      <div
        ref={ref}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        contentEditable
        suppressContentEditableWarning
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            setEditing(false);
          }
        }}
        className={cn(proseClasses, 'min-h-28 px-3 py-2 outline-none')}
      />
      <div className="flex justify-end gap-2 border-t border-line p-2">
        <Button size="sm" onClick={() => setEditing(false)}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" pending={pending} onClick={save}>
          Save description
        </Button>
      </div>
    </div>
  );
}
