import type { ReactNode } from 'react';
import type { z } from 'zod';
import {
  codeReviewOutput,
  contentDraftOutput,
  coordinatorOutput,
  deploymentRiskOutput,
  securityReviewOutput,
  standupOutput,
} from '../api/output-types.ts';
import { CodeReviewView } from './output-code-review.tsx';
import { ContentDraftView } from './output-content-draft.tsx';
import { CoordinatorView } from './output-deployment-coordinator.tsx';
import { DeploymentRiskView } from './output-deployment-risk.tsx';
import { SecurityReviewView } from './output-security-review.tsx';
import { StandupView } from './output-standup.tsx';

/** Reads an output for people, or answers null when the output is not in the shape it reads. */
type Renderer = (output: unknown, slug: string) => ReactNode | null;

function renderer<T>(
  schema: z.ZodType<T>,
  View: (props: { output: T; slug: string }) => ReactNode,
): Renderer {
  return (output, slug) => {
    const parsed = schema.safeParse(output);
    return parsed.success ? <View output={parsed.data} slug={slug} /> : null;
  };
}

/**
 * The built-in kinds' task types (apps/server/src/modules/agents/kinds) and how each output reads. A task type
 * names one kind's work, so it alone picks the reading; any other task shows its output as JSON.
 */
const renderers: Record<string, Renderer> = {
  review_diff: renderer(codeReviewOutput, CodeReviewView),
  security_review: renderer(securityReviewOutput, SecurityReviewView),
  daily_standup: renderer(standupOutput, StandupView),
  score_deployment: renderer(deploymentRiskOutput, DeploymentRiskView),
  coordinate_deployment: renderer(coordinatorOutput, CoordinatorView),
  draft_post: renderer(contentDraftOutput, ContentDraftView),
};

export const renderOutput = (taskType: string, output: unknown, slug: string): ReactNode | null =>
  renderers[taskType]?.(output, slug) ?? null;
