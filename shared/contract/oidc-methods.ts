/** OIDC providers and API discovery: the contract's part for issues 5 and 7 (being filled in). */
export const oidcMethods = {} as const;
