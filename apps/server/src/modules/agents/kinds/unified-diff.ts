export interface AddedLine {
  /** Line number in the new file. */
  line: number;
  text: string;
}

export interface DiffFile {
  /** The new path, or the old one for a deleted file. */
  path: string;
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  binary: boolean;
  additions: number;
  deletions: number;
  added: AddedLine[];
}

const hunkHeader = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Reads a unified diff (`git diff`, `diff -u`, a GitHub .diff) into files and their added lines. Hunk line
 * counts decide where a hunk ends, so added lines that start with `++` or `--` are not taken for headers.
 */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const files: DiffFile[] = [];
  type Parsing = DiffFile & { oldPath?: string | null; newPath?: string };
  let file: Parsing | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  const start = (): Parsing => {
    file = { path: '', status: 'modified', binary: false, additions: 0, deletions: 0, added: [] };
    files.push(file);
    return file;
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (oldLeft > 0 || newLeft > 0) {
      const current = file!;
      if (line.startsWith('+')) {
        current.additions++;
        current.added.push({ line: newLine++, text: line.slice(1) });
        newLeft--;
      } else if (line.startsWith('-')) {
        current.deletions++;
        oldLeft--;
      } else if (!line.startsWith('\\')) {
        newLine++;
        oldLeft--;
        newLeft--;
      }
      continue;
    }
    if (line.startsWith('diff --git ')) {
      const target = start();
      const match = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      if (match) target.path = match[2]!;
    } else if (line.startsWith('--- ')) {
      const target = file && !file.newPath && file.added.length === 0 ? file : start();
      target.oldPath = stripPrefix(line.slice(4));
      if (target.oldPath === null) target.status = 'added';
    } else if (line.startsWith('+++ ') && file) {
      file.newPath = stripPrefix(line.slice(4)) ?? undefined;
      if (!file.newPath) file.status = 'deleted';
      file.path = file.newPath ?? file.oldPath ?? file.path;
    } else if (line.startsWith('new file mode') && file) {
      file.status = 'added';
    } else if (line.startsWith('deleted file mode') && file) {
      file.status = 'deleted';
    } else if (line.startsWith('rename to ') && file) {
      file.status = 'renamed';
      file.path = line.slice('rename to '.length);
    } else if (line.startsWith('Binary files ') && file) {
      file.binary = true;
    } else {
      const hunk = hunkHeader.exec(line);
      if (hunk && file) {
        oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
        newLine = Number(hunk[2]);
        newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      }
    }
  }
  return files.map(({ path, status, binary, additions, deletions, added }) => ({
    path,
    status,
    binary,
    additions,
    deletions,
    added,
  }));
}

/** `a/src/x.ts` → `src/x.ts`; `/dev/null` → null; a trailing tab and timestamp (diff -u) are dropped. */
function stripPrefix(value: string): string | null {
  const path = value.split('\t')[0]!.trim();
  if (path === '/dev/null') return null;
  return path.replace(/^[ab]\//, '');
}

/** Whether text looks like a unified diff at all. */
export function looksLikeDiff(text: string): boolean {
  return /^(?:diff --git |--- \S|@@ -\d)/m.test(text) && /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@/m.test(text);
}
