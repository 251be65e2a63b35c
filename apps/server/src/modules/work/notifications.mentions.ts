import { displayName } from './directory.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MENTION = /<mention-component\b[^>]*>/gi;

/**
 * The people a piece of rich text mentions: Plane's `<mention-component entity_identifier="{user id}">` tags
 * (sanitizeRichText keeps them). Tags naming something other than a user (`entity_name`) are skipped.
 */
export function mentionedUserIds(html: string | null | undefined): string[] {
  const ids = new Set<string>();
  for (const [tag] of (html ?? '').matchAll(MENTION)) {
    const name = /\bentity_name\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    if (name && name !== 'user_mention') continue;
    const id = /\bentity_identifier\s*=\s*"([^"]*)"/i.exec(tag)?.[1]?.trim();
    if (id && UUID.test(id)) ids.add(id.toLowerCase());
  }
  return [...ids];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The words a reader sees: tags (and the label inside a mention tag, already counted) become spaces. */
export function visibleText(html: string | null | undefined): string {
  return (html ?? '')
    .replace(/<mention-component\b[\s\S]*?(<\/mention-component>|\/>)/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);
}

export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * People written as plain `@displayname` (the e-mail's local part, Plane's display name) or `@Full Name`, among
 * `people` only. An `@` inside a word (an e-mail address) is not a mention, nor is `@ava` in `@avalon`.
 */
export function plainMentions(text: string, people: Mentionable[]): string[] {
  if (!text.includes('@')) return [];
  return people
    .filter((person) =>
      [displayName(person), person.name.trim()]
        .filter((handle) => handle !== '')
        .some((handle) =>
          new RegExp(`(?<![\\w.+-])@${escapeRegExp(handle)}(?![\\w-]|\\.\\w)`, 'i').test(text),
        ),
    )
    .map((person) => person.id);
}

/**
 * Everyone a piece of rich text names, the one reading comments and descriptions share: mention tags, and plain
 * `@name` among `people` (whom the caller has narrowed to those allowed to hear).
 */
export function mentionsIn(html: string | null | undefined, people: Mentionable[]): string[] {
  return [...new Set([...mentionedUserIds(html), ...plainMentions(visibleText(html), people)])];
}
