// The command ids that tree items invoke when clicked. loadMore and retry are the tree's own (registered by the
// explorer entry, not in the palette); the others belong to the explorer commands (src/commands/explorer).
export const CMD = {
  loadMore: 'wharf.explorer.loadMore',
  retry: 'wharf.explorer.retry',
  signIn: 'wharf.aws.signIn',
  chooseProfile: 'wharf.aws.chooseProfile',
  enterMfa: 'wharf.aws.enterMfa',
  showAuthDiagnosis: 'wharf.eks.showAuthDiagnosis',
} as const;
