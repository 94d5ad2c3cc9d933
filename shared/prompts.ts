/** Questions main asks the person at the keyboard (the core sees them as the Prompter port). */
export type PromptDTO =
  | { id: string; kind: 'mfa'; profile: string; roleArn: string; serial: string }
  | { id: string; kind: 'confirm'; message: string }
  | {
      id: string;
      kind: 'device-code';
      purpose: string;
      verificationUri: string;
      verificationUriComplete: string | null;
      /** null: nothing to compare, the browser sign-in completes by itself (PKCE). */
      userCode: string | null;
      expiresAt: number;
    };
