/** What people write on the demo's items: comments and the notes on their time logs. */
export const commentLines = [
  'Picked this up, first version by tomorrow.',
  'Blocked until we get the final copy from the client.',
  'Looks good on desktop; checking Safari on iOS next.',
  'Can we keep this to the scope we agreed in the kickoff?',
  'I pushed a fix, please have another look.',
  'Client feedback: they love it, small tweak on the spacing.',
  'Added screenshots of both variants to the Figma file.',
  'This touches the checkout, so let us pair on the review.',
  'Moved the edge cases into a follow-up item.',
  'Estimate was optimistic; the API needs pagination first.',
  'Approved from our side.',
  'Reminder: this needs to ship before the campaign goes live.',
];

export const worklogLines = [
  'Implementation',
  'Review and fixes',
  'Design iterations',
  'Client call',
  'Testing on devices',
  'Research',
  'Pairing session',
  'Documentation',
];
