import type { PersonKey } from './people.ts';

/** What kind of person picks up a task: it decides whom the seed assigns. */
export type Discipline = 'design' | 'dev' | 'content' | 'lead';

/** A step of a feature: its title (`{f}` is the feature's name), its label and who does it. */
export type TaskTemplate = readonly [title: string, label: string, discipline: Discipline];

export interface DemoProject {
  /** Stable key: the project's external id in the `agency-os-demo` source, and the seed of its randomness. */
  key: string;
  name: string;
  identifier: string;
  description: string;
  lead: PersonKey;
  /** Project roles: 20 admin, 15 member, 5 guest (the creator, Ava, and the lead are admins). */
  members: ReadonlyArray<readonly [PersonKey, 20 | 15 | 5]>;
  people: Record<Discipline, readonly PersonKey[]>;
  /** States beyond the defaults, each in a group. */
  states: ReadonlyArray<{ name: string; color: string; group: 'started' | 'unstarted' }>;
  labels: ReadonlyArray<{ name: string; color: string; parent?: string }>;
  cycleNames: readonly [string, string, string, string, string];
  modules: ReadonlyArray<{ name: string; lead: PersonKey; description: string }>;
  /** Features, in the order they are built; each becomes a parent item with one sub-item per task. */
  features: ReadonlyArray<{ name: string; module: string; tasks: readonly TaskTemplate[] }>;
  bugs: readonly string[];
  ideas: readonly string[];
  /** The project's estimate (points), whose values its items' sizes are; without one, the legacy `point`. */
  estimate?: { name: string; values: readonly string[] };
  /** Submissions to the intake queue, by a guest or a member. */
  intake: ReadonlyArray<{ by: PersonKey; name: string; description: string }>;
  repository: string;
}

const pageTasks: TaskTemplate[] = [
  ['Wireframe the {f}', 'Design', 'design'],
  ['Design the {f} in Figma', 'Design', 'design'],
  ['Write copy for the {f}', 'Content', 'content'],
  ['Build the {f} components', 'Frontend', 'dev'],
  ['Connect the {f} to the CMS', 'Backend', 'dev'],
  ['QA the {f} on mobile and desktop', 'QA', 'dev'],
];

/** Fibonacci story points, the scale most teams size with. */
const storyPoints = { name: 'Story points', values: ['1', '2', '3', '5', '8', '13'] } as const;

const website: DemoProject = {
  key: 'website',
  name: 'Brightside Website Rebuild',
  identifier: 'BRIGHT',
  description:
    'A new marketing site for Brightside Energy: headless CMS, a faster checkout for the home-battery shop, and WCAG 2.2 AA throughout.',
  lead: 'priya',
  members: [
    ['jonas', 20],
    ['leo', 15],
    ['sofia', 15],
    ['tom', 15],
    ['marcus', 15],
    ['dana', 5],
    ['sam', 5],
  ],
  people: { design: ['sofia'], dev: ['leo', 'tom', 'jonas'], content: ['priya', 'marcus'], lead: ['priya'] },
  states: [{ name: 'In Review', color: '#8B5CF6', group: 'started' }],
  labels: [
    { name: 'Engineering', color: '#3B82F6' },
    { name: 'Frontend', color: '#60A5FA', parent: 'Engineering' },
    { name: 'Backend', color: '#2563EB', parent: 'Engineering' },
    { name: 'Design', color: '#EC4899' },
    { name: 'Content', color: '#F59E0B' },
    { name: 'QA', color: '#10B981' },
    { name: 'SEO', color: '#84CC16' },
    { name: 'Accessibility', color: '#14B8A6' },
    { name: 'Bug', color: '#EF4444' },
  ],
  cycleNames: ['Sprint 1', 'Sprint 2', 'Sprint 3', 'Sprint 4', 'Sprint 5'],
  modules: [
    { name: 'Design system', lead: 'sofia', description: 'Tokens, components and the Figma library.' },
    { name: 'Marketing pages', lead: 'priya', description: 'Home, products, about and the blog.' },
    { name: 'Battery shop', lead: 'jonas', description: 'Catalogue, configurator and checkout.' },
    { name: 'Launch', lead: 'marcus', description: 'Redirects, analytics, performance and go-live.' },
  ],
  features: [
    {
      name: 'design tokens',
      module: 'Design system',
      tasks: [
        ['Audit colours and type on the old site', 'Design', 'design'],
        ['Define the {f} in Figma', 'Design', 'design'],
        ['Export the {f} to CSS variables', 'Frontend', 'dev'],
        ['Check contrast of the {f} against WCAG AA', 'Accessibility', 'design'],
      ],
    },
    {
      name: 'component library',
      module: 'Design system',
      tasks: [
        ['Design buttons, inputs and cards', 'Design', 'design'],
        ['Build the {f} in Storybook', 'Frontend', 'dev'],
        ['Keyboard and screen-reader pass on the {f}', 'Accessibility', 'dev'],
        ['Document the {f}', 'Content', 'design'],
      ],
    },
    { name: 'home page', module: 'Marketing pages', tasks: pageTasks },
    { name: 'product pages', module: 'Marketing pages', tasks: pageTasks },
    {
      name: 'headless CMS',
      module: 'Marketing pages',
      tasks: [
        ['Model the content types for the {f}', 'Backend', 'dev'],
        ['Migrate 240 blog posts to the {f}', 'Content', 'content'],
        ['Preview drafts from the {f}', 'Backend', 'dev'],
        ['Train the Brightside editors on the {f}', 'Content', 'lead'],
      ],
    },
    {
      name: 'battery configurator',
      module: 'Battery shop',
      tasks: [
        ['Design the {f} steps', 'Design', 'design'],
        ['Price rules API for the {f}', 'Backend', 'dev'],
        ['Build the {f} UI', 'Frontend', 'dev'],
        ['QA the {f} with real tariffs', 'QA', 'dev'],
      ],
    },
    {
      name: 'checkout',
      module: 'Battery shop',
      tasks: [
        ['Design the one-page {f}', 'Design', 'design'],
        ['Integrate Stripe payment elements in the {f}', 'Backend', 'dev'],
        ['Address lookup in the {f}', 'Frontend', 'dev'],
        ['Order confirmation e-mails', 'Backend', 'dev'],
        ['QA the {f} end to end', 'QA', 'dev'],
      ],
    },
    { name: 'about page', module: 'Marketing pages', tasks: pageTasks.slice(0, 4) },
    {
      name: 'SEO migration',
      module: 'Launch',
      tasks: [
        ['Map old URLs to new ones for the {f}', 'SEO', 'content'],
        ['Set up 301 redirects', 'Backend', 'dev'],
        ['Structured data for products', 'SEO', 'dev'],
        ['Submit the new sitemap', 'SEO', 'content'],
      ],
    },
    {
      name: 'go-live',
      module: 'Launch',
      tasks: [
        ['Lighthouse performance budget for the {f}', 'Frontend', 'dev'],
        ['Analytics and consent banner', 'Frontend', 'dev'],
        ['DNS and CDN cut-over plan', 'Backend', 'dev'],
        ['Client sign-off for the {f}', 'Content', 'lead'],
      ],
    },
  ],
  bugs: [
    'Hero video does not autoplay on iOS Safari',
    'Cookie banner covers the checkout button on small screens',
    'Blog images lose their alt text after CMS import',
    'Price shows twice when the configurator is reopened',
    'Focus is lost after closing the mobile menu',
    'Footer links point to the staging domain',
    'Newsletter form accepts an empty e-mail',
    'Layout shift when web fonts load',
  ],
  ideas: [
    'Customer stories section',
    'Dark mode',
    'Savings calculator widget',
    'Installer finder map',
    'Multi-language site (DE/FR)',
    'Live chat on product pages',
    'Compare batteries side by side',
    'Referral programme landing page',
  ],
  intake: [
    {
      by: 'dana',
      name: 'Add our new warranty terms to the product pages',
      description:
        'Legal sent the updated 10-year warranty wording on Monday; it should replace the old one.',
    },
    {
      by: 'sam',
      name: 'The installer photos on the home page look blurry on my laptop',
      description: 'Seen on a 13" MacBook in Chrome.',
    },
    {
      by: 'dana',
      name: 'Can the checkout offer financing?',
      description: 'Our partner bank has an API for 0% financing over 24 months.',
    },
    {
      by: 'marcus',
      name: 'Brightside asks for a press page before the launch',
      description: 'Press releases, logos and contacts.',
    },
  ],
  repository: 'northwind-digital/brightside-web',
  estimate: storyPoints,
};

const featureTasks: TaskTemplate[] = [
  ['Write the spec for {f}', 'Product', 'lead'],
  ['Design the {f} screens', 'UX', 'design'],
  ['API endpoints for {f}', 'API', 'dev'],
  ['Implement {f} on iOS', 'iOS', 'dev'],
  ['Implement {f} on Android', 'Android', 'dev'],
  ['Test {f} end to end', 'QA', 'dev'],
];

const mobile: DemoProject = {
  key: 'mobile',
  name: 'Pulse Fitness App',
  identifier: 'PULSE',
  description:
    'Version 2 of the Pulse fitness app for iOS and Android: new onboarding, subscriptions, workout sync and offline mode.',
  lead: 'jonas',
  members: [
    ['priya', 20],
    ['leo', 15],
    ['tom', 15],
    ['sofia', 15],
  ],
  people: { design: ['sofia'], dev: ['leo', 'tom', 'jonas'], content: ['priya'], lead: ['jonas', 'priya'] },
  states: [
    { name: 'In Review', color: '#8B5CF6', group: 'started' },
    { name: 'Ready for QA', color: '#0EA5E9', group: 'started' },
  ],
  labels: [
    { name: 'Platform', color: '#6366F1' },
    { name: 'iOS', color: '#111827', parent: 'Platform' },
    { name: 'Android', color: '#22C55E', parent: 'Platform' },
    { name: 'API', color: '#3B82F6' },
    { name: 'UX', color: '#EC4899' },
    { name: 'Product', color: '#F97316' },
    { name: 'QA', color: '#10B981' },
    { name: 'Performance', color: '#EAB308' },
    { name: 'Bug', color: '#EF4444' },
  ],
  cycleNames: ['Sprint 11', 'Sprint 12', 'Sprint 13', 'Sprint 14', 'Sprint 15'],
  modules: [
    { name: 'Onboarding', lead: 'sofia', description: 'Sign-up, goals and the first workout.' },
    { name: 'Subscriptions', lead: 'jonas', description: 'In-app purchases, trials and the paywall.' },
    { name: 'Workout sync', lead: 'leo', description: 'HealthKit, Google Fit and wearables.' },
    { name: 'Offline mode', lead: 'tom', description: 'Workouts and progress without a connection.' },
  ],
  features: [
    { name: 'the welcome flow', module: 'Onboarding', tasks: featureTasks },
    { name: 'goal setting', module: 'Onboarding', tasks: featureTasks.slice(0, 5) },
    { name: 'the paywall', module: 'Subscriptions', tasks: featureTasks },
    {
      name: 'receipt validation',
      module: 'Subscriptions',
      tasks: [
        ['Validate App Store receipts on the server', 'API', 'dev'],
        ['Validate Play Billing purchases on the server', 'API', 'dev'],
        ['Handle refunds and grace periods', 'API', 'dev'],
      ],
    },
    { name: 'HealthKit sync', module: 'Workout sync', tasks: featureTasks.slice(1) },
    { name: 'Google Fit sync', module: 'Workout sync', tasks: featureTasks.slice(1) },
    { name: 'offline workouts', module: 'Offline mode', tasks: featureTasks },
    {
      name: 'background sync',
      module: 'Offline mode',
      tasks: [
        ['Queue changes made offline', 'API', 'dev'],
        ['Resolve conflicts on reconnect', 'API', 'dev'],
        ['Battery impact test for {f}', 'Performance', 'dev'],
      ],
    },
    { name: 'workout sharing', module: 'Workout sync', tasks: featureTasks.slice(0, 4) },
  ],
  bugs: [
    'Crash when rotating during a workout video',
    'Android back button skips the paywall confirmation',
    'Heart-rate chart is empty for Fitbit users',
    'Push notifications arrive twice after reinstall',
    'Trial end date is shown in UTC',
    'Login with Apple fails on iPadOS 17',
    'Progress ring jumps back to zero at midnight',
    'Slow cold start on older Android phones',
    'Offline banner stays after reconnecting',
  ],
  ideas: [
    'Apple Watch companion app',
    'Coach chat',
    'Family plan',
    'Streak freezes',
    'Widgets for the home screen',
    'Voice cues during runs',
  ],
  intake: [
    {
      by: 'priya',
      name: 'App Store review flagged the subscription terms link',
      description: 'Reviewer note: the terms link must be visible on the paywall itself.',
    },
    {
      by: 'tom',
      name: 'Crashlytics: OutOfMemory on the progress screen',
      description: '312 users affected since 2.3.1, mostly on 3 GB devices.',
    },
  ],
  repository: 'northwind-digital/pulse-app',
  estimate: storyPoints,
};

const assetTasks: TaskTemplate[] = [
  ['Brief for {f}', 'Strategy', 'lead'],
  ['First drafts of {f}', 'Copy', 'content'],
  ['Visuals for {f}', 'Visual', 'design'],
  ['Client review of {f}', 'Approval', 'lead'],
  ['Final {f} delivered', 'Visual', 'design'],
];

const campaign: DemoProject = {
  key: 'campaign',
  name: 'Aurora Spring Campaign',
  identifier: 'AURORA',
  description:
    'The spring brand campaign for Aurora Coffee: a refreshed identity, a launch film and six weeks of paid and organic social.',
  lead: 'marcus',
  members: [
    ['priya', 15],
    ['sofia', 15],
    ['ava', 20],
  ],
  people: { design: ['sofia'], dev: ['sofia'], content: ['marcus', 'priya'], lead: ['marcus', 'ava'] },
  states: [{ name: 'Client approval', color: '#F472B6', group: 'started' }],
  labels: [
    { name: 'Strategy', color: '#6366F1' },
    { name: 'Copy', color: '#F59E0B' },
    { name: 'Visual', color: '#EC4899' },
    { name: 'Video', color: '#EF4444' },
    { name: 'Social', color: '#0EA5E9' },
    { name: 'Instagram', color: '#D946EF', parent: 'Social' },
    { name: 'LinkedIn', color: '#0A66C2', parent: 'Social' },
    { name: 'Approval', color: '#10B981' },
  ],
  cycleNames: [
    'Phase 1: Discovery',
    'Phase 2: Concept',
    'Phase 3: Production',
    'Phase 4: Launch',
    'Phase 5: Amplify',
  ],
  modules: [
    { name: 'Identity refresh', lead: 'sofia', description: 'Logo lock-ups, palette and packaging.' },
    { name: 'Launch film', lead: 'marcus', description: 'A 45-second film and its cut-downs.' },
    { name: 'Social rollout', lead: 'priya', description: 'Paid and organic social for six weeks.' },
  ],
  features: [
    {
      name: 'the audience research',
      module: 'Identity refresh',
      tasks: [
        ['Interview five café owners', 'Strategy', 'lead'],
        ['Survey 400 customers', 'Strategy', 'content'],
        ['Present {f}', 'Approval', 'lead'],
      ],
    },
    { name: 'the brand platform', module: 'Identity refresh', tasks: assetTasks },
    { name: 'the packaging', module: 'Identity refresh', tasks: assetTasks },
    {
      name: 'the launch film',
      module: 'Launch film',
      tasks: [
        ['Script for {f}', 'Copy', 'content'],
        ['Storyboard for {f}', 'Video', 'design'],
        ['Shoot day for {f}', 'Video', 'lead'],
        ['Edit and grade {f}', 'Video', 'design'],
        ['15s and 6s cut-downs of {f}', 'Video', 'design'],
      ],
    },
    { name: 'the Instagram series', module: 'Social rollout', tasks: assetTasks },
    { name: 'the LinkedIn posts', module: 'Social rollout', tasks: assetTasks.slice(0, 4) },
    {
      name: 'the paid media plan',
      module: 'Social rollout',
      tasks: [
        ['Budget split across channels', 'Strategy', 'lead'],
        ['Audiences and targeting', 'Social', 'content'],
        ['Weekly performance report', 'Strategy', 'content'],
      ],
    },
  ],
  bugs: [
    'Wrong Pantone code in the brand book',
    'Subtitles out of sync in the 15s cut',
    'Instagram carousel cropped on the grid',
  ],
  ideas: ['Barista influencer programme', 'Pop-up café at the spring fair', 'Limited-edition cup design'],
  intake: [
    {
      by: 'ava',
      name: 'Aurora wants a German version of the launch film',
      description: 'For the Berlin and Munich stores.',
    },
  ],
  repository: 'northwind-digital/aurora-assets',
};

const ops: DemoProject = {
  key: 'ops',
  name: 'Agency Operations',
  identifier: 'OPS',
  description: 'How Northwind runs itself: hiring, finance, tooling and the way we work.',
  lead: 'ava',
  members: [
    ['marcus', 20],
    ['priya', 15],
    ['jonas', 15],
    ['sofia', 15],
    ['leo', 15],
    ['tom', 15],
  ],
  people: { design: ['sofia'], dev: ['jonas', 'leo'], content: ['marcus', 'priya'], lead: ['ava', 'marcus'] },
  states: [],
  labels: [
    { name: 'Hiring', color: '#F97316' },
    { name: 'Finance', color: '#22C55E' },
    { name: 'Tooling', color: '#3B82F6' },
    { name: 'Process', color: '#A855F7' },
  ],
  cycleNames: ['Ops sprint 7', 'Ops sprint 8', 'Ops sprint 9', 'Ops sprint 10', 'Ops sprint 11'],
  modules: [
    { name: 'Hiring', lead: 'ava', description: 'A senior developer and a motion designer.' },
    { name: 'Tooling', lead: 'jonas', description: 'Agency OS rollout and the CI runners.' },
  ],
  features: [
    {
      name: 'the senior developer hire',
      module: 'Hiring',
      tasks: [
        ['Job ad for {f}', 'Hiring', 'lead'],
        ['Screen candidates for {f}', 'Hiring', 'lead'],
        ['Technical interviews for {f}', 'Hiring', 'dev'],
        ['Offer and onboarding plan for {f}', 'Hiring', 'lead'],
      ],
    },
    {
      name: 'the Agency OS rollout',
      module: 'Tooling',
      tasks: [
        ['Import projects into Agency OS', 'Tooling', 'dev'],
        ['Connect GitHub to Agency OS', 'Tooling', 'dev'],
        ['Set up the code-review agent', 'Tooling', 'dev'],
        ['Train the team on cycles and intake', 'Process', 'lead'],
      ],
    },
    {
      name: 'the office move',
      module: 'Tooling',
      tasks: [
        ['Floor plan for {f}', 'Process', 'design'],
        ['Network and meeting-room setup for {f}', 'Tooling', 'dev'],
        ['Moving day plan for {f}', 'Process', 'lead'],
      ],
    },
    {
      name: 'the motion designer hire',
      module: 'Hiring',
      tasks: [
        ['Job ad for {f}', 'Hiring', 'lead'],
        ['Portfolio reviews for {f}', 'Hiring', 'design'],
        ['Trial task for {f}', 'Hiring', 'design'],
      ],
    },
    {
      name: 'the Q2 finance close',
      module: 'Tooling',
      tasks: [
        ['Reconcile retainer hours', 'Finance', 'content'],
        ['Chase overdue invoices', 'Finance', 'content'],
        ['Forecast Q3 capacity', 'Finance', 'lead'],
      ],
    },
  ],
  bugs: ['VPN drops every 30 minutes in the Berlin office', 'Shared calendar shows holidays twice'],
  ideas: [
    'Four-day week pilot',
    'Knowledge-sharing Fridays',
    'New laptop policy',
    'Client satisfaction survey',
  ],
  intake: [],
  repository: 'northwind-digital/ops',
};

export const demoProjects: readonly DemoProject[] = [website, mobile, campaign, ops];
