import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordChange } from '../../../platform/events/outbox.ts';
import type { AgentKind } from '../registry.ts';
import { writeFor, writtenBy, type Writer } from './writing.ts';

export const CONTENT_WRITER_AGENT_TYPE = 'content_writer';
export const DRAFT_POST_TASK = 'draft_post';
const DRAFT_TASK = 'content.draft';

/** What each channel takes: length, whether Markdown renders, how many hashtags read well. */
export const channelRules = {
  x: { maxCharacters: 280, markdown: false, maxHashtags: 2, format: 'one short post' },
  linkedin: {
    maxCharacters: 3000,
    markdown: false,
    maxHashtags: 5,
    format: 'a hook line, short paragraphs, a call to action',
  },
  instagram: {
    maxCharacters: 2200,
    markdown: false,
    maxHashtags: 10,
    format: 'a caption with hashtags at the end',
  },
  blog: {
    maxCharacters: 20_000,
    markdown: true,
    maxHashtags: 0,
    format: 'a Markdown article with a # title and ## sections',
  },
  newsletter: {
    maxCharacters: 5000,
    markdown: false,
    maxHashtags: 0,
    format: 'a subject line, a greeting and short paragraphs',
  },
} as const;
export type Channel = keyof typeof channelRules;

const draftInput = z.strictObject({
  brief: z.string().trim().min(10).max(5000),
  channel: z.enum(Object.keys(channelRules) as [Channel, ...Channel[]]),
  title: z.string().trim().max(200).optional(),
  audience: z.string().trim().max(200).optional(),
  tone: z.enum(['professional', 'friendly', 'playful']).default('professional'),
  keywords: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  call_to_action: z.string().trim().max(200).optional(),
  link: z.url().optional(),
  campaign_id: z.uuid().optional(),
});

const configuration = z.strictObject({
  brand: z.string().max(100).optional(),
  hashtags: z
    .array(z.string().regex(/^#?\w+$/, 'one word each'))
    .max(10)
    .default([]),
});

interface DraftFacts {
  brief: string;
  channel: Channel;
  title?: string;
  audience?: string;
  tone: string;
  keywords: string[];
  call_to_action?: string;
  link?: string;
  brand?: string;
  hashtags: string[];
  rules: (typeof channelRules)[Channel];
  feedback: string[];
  previous_draft?: string;
}

const sentences = (text: string) =>
  text
    .match(/[^.!?]+[.!?]*/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const tagOf = (word: string) =>
  `#${word
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(capitalise)
    .join('')}`;

/**
 * The offline draft: the brief's own sentences arranged in the channel's format, with the call to action,
 * link and hashtags; a reviewer's notes shape the redraft (shorter, no hashtags, no link, more formal...).
 */
export function draftTemplate(raw: Record<string, unknown>): string {
  const f = raw as unknown as DraftFacts;
  const notes = f.feedback.join(' ').toLowerCase();
  const shorter = /short|long|concise|brief|trim/.test(notes);
  const noTags = /hashtag|no tags/.test(notes);
  const noLink = /no link|without (the |a )?link|remove (the )?link/.test(notes);
  const formal = /formal|professional|serious/.test(notes);
  const body = sentences(f.brief).map(capitalise);
  const lead = f.title ?? body[0] ?? f.brief;
  const rest = f.title ? body : body.slice(1);
  const points = shorter ? rest.slice(0, 1) : rest;
  const cta = f.call_to_action ? capitalise(f.call_to_action.replace(/[.!]*$/, '.')) : '';
  const link = !noLink && f.link ? f.link : '';
  const tags = noTags
    ? []
    : [...new Set([...f.hashtags, ...f.keywords].map(tagOf))].slice(0, f.rules.maxHashtags);
  const greeting =
    f.tone === 'friendly' && !formal ? 'Hi' : f.tone === 'playful' && !formal ? 'Hey' : 'Hello';
  const by = f.brand ? ` from ${f.brand}` : '';
  switch (f.channel) {
    case 'x':
      return [lead, shorter ? '' : (points[0] ?? ''), cta, link, tags.join(' ')].filter(Boolean).join(' ');
    case 'linkedin':
    case 'instagram':
      return [
        lead,
        points.join(' '),
        f.keywords.length && !shorter ? f.keywords.map((k) => `• ${capitalise(k)}`).join('\n') : '',
        [cta, link].filter(Boolean).join(' '),
        tags.join(' '),
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'blog':
      return [
        `# ${f.title ?? lead.replace(/[.!?]$/, '')}`,
        f.audience ? `*For ${f.audience}.*` : '',
        (f.title ? body[0] : points[0]) ?? '',
        points.length > 1 ? `## What changes\n\n${points.slice(f.title ? 1 : 1).join(' ')}` : '',
        f.keywords.length && !shorter
          ? `## Key points\n\n${f.keywords.map((k) => `- ${capitalise(k)}`).join('\n')}`
          : '',
        cta || link
          ? `## Next step\n\n${[cta, link && `[Read more](${link})`].filter(Boolean).join(' ')}`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n');
    case 'newsletter':
      return [
        `Subject: ${f.title ?? lead.replace(/[.!?]$/, '')}`,
        `${greeting} ${f.audience ?? 'there'},`,
        body.join(' '),
        [cta, link].filter(Boolean).join(' '),
        `— The team${by}`,
      ]
        .filter(Boolean)
        .join('\n\n');
  }
}

/** Makes any model's draft obey the channel: plain text where Markdown does not render, hashtags, length. */
export function fitToChannel(text: string, channel: Channel): string {
  const rules = channelRules[channel];
  let out = text.trim();
  if (!rules.markdown) {
    out = out
      .replace(/^#{1,6}\s+/gm, '')
      .replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2')
      .replace(/\[([^\]]+)\]\((\S+?)\)/g, '$1 $2');
  }
  const tags = out.match(/(^|\s)#[\p{L}\p{N}_]+/gu) ?? [];
  if (tags.length > rules.maxHashtags) {
    let kept = 0;
    out = out
      .replace(/(^|\s)#[\p{L}\p{N}_]+/gu, (tag) => (kept++ < rules.maxHashtags ? tag : ''))
      .replace(/[ \t]+$/gm, '')
      .trim();
  }
  if (out.length <= rules.maxCharacters) return out;
  const cut = out.slice(0, rules.maxCharacters - 1);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (sentenceEnd > rules.maxCharacters * 0.5) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trimEnd()}…`;
}

/**
 * Drafts a post or article from a brief for one channel. Every draft waits for a person; a rejection's reason
 * goes into the redraft's prompt; an approved draft is published once (a `content.published` event that
 * publishing integrations act on), however often the apply step runs.
 */
export function contentWriterKind(writer: Writer): AgentKind {
  writer.templates.register(DRAFT_TASK, draftTemplate);
  return {
    type: CONTENT_WRITER_AGENT_TYPE,
    role: 'executor',
    description:
      "Drafts a post or article from a brief, in the channel's length and format; a person approves it.",
    capabilities: ['draft_content', 'redraft_from_feedback', 'publish_approved_content'],
    taskTypes: { [DRAFT_POST_TASK]: draftInput },
    configuration,
    defaults: { requiresApproval: true, timeoutSeconds: 180, maxAttempts: 3 },
    redrafts: true,
    async execute(context) {
      const input = draftInput.parse(context.task.input);
      const config = configuration.parse(context.agent.configuration);
      const rules = channelRules[input.channel];
      const feedback = context.task.reviews
        .filter((r) => r.decision === 'rejected' && r.reason)
        .map((r) => r.reason!);
      const previous = context.task.previousOutput?.text;
      const facts: DraftFacts = {
        ...input,
        brand: config.brand,
        hashtags: config.hashtags,
        rules,
        feedback,
        ...(typeof previous === 'string' && feedback.length ? { previous_draft: previous } : {}),
      };
      const written = await writeFor(writer, context, {
        task: DRAFT_TASK,
        instructions: [
          `You write ${rules.format} for ${input.channel} in a ${input.tone} tone.`,
          `At most ${rules.maxCharacters} characters${rules.markdown ? ', Markdown allowed' : ', plain text, no Markdown'}; at most ${rules.maxHashtags} hashtags.`,
          'Use only the facts in the brief; do not invent figures, names or quotes.',
          feedback.length
            ? 'A reviewer rejected the previous draft: rewrite it so that every note in `feedback` is addressed.'
            : '',
          'Answer with the post text only.',
        ]
          .filter(Boolean)
          .join(' '),
        input: facts as unknown as Record<string, unknown>,
      });
      const text = fitToChannel(written.text, input.channel);
      return {
        needsApproval: true,
        output: {
          channel: input.channel,
          title: input.title ?? null,
          text,
          characters: text.length,
          max_characters: rules.maxCharacters,
          revision: context.task.revision,
          feedback_addressed: feedback,
          written_by: writtenBy(written),
        },
      };
    },
    async apply(context) {
      const draft = context.task.previousOutput ?? {};
      return context.performOnce('publish', async (tx, idempotencyKey) => {
        const publication = { publication_id: randomUUID(), published_at: new Date().toISOString() };
        await recordChange(
          tx,
          { actor: { type: 'agent', id: context.agent.id } },
          {
            workspaceId: context.task.workspaceId,
            action: 'content.published',
            objectType: 'agent_task',
            objectId: context.task.id,
            after: { channel: draft.channel ?? null, title: draft.title ?? null, text: draft.text ?? null },
            payload: {
              ...publication,
              idempotency_key: idempotencyKey,
              channel: draft.channel ?? null,
              title: draft.title ?? null,
              text: draft.text ?? null,
              campaign_id: context.task.input.campaign_id ?? null,
            },
          },
        );
        return publication;
      });
    },
  };
}
