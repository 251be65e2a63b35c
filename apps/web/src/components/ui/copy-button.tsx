import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { Button } from './button.tsx';

/** Copies text to the clipboard and says so for two seconds (also to screen readers). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<boolean | 'failed'>(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied('failed');
    }
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Button size="sm" onClick={copy} aria-live="polite">
      {copied === true ? (
        <Check className="size-3.5" aria-hidden="true" />
      ) : (
        <Copy className="size-3.5" aria-hidden="true" />
      )}
      {copied === true ? 'Copied' : copied === 'failed' ? 'Select and copy by hand' : label}
    </Button>
  );
}
