/** Real-time subscriptions: the contract's part for issue 8 (filled in by the subscriptions work). */
export const realtimeMethods = {} as const;
