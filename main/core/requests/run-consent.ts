/**
 * What the person already answered during one run of theirs — a tab run, or a whole collection
 * run — so a question is asked once per run, not once per request.
 */
export class RunConsent {
  /** `--yes` on the command line: every question of this run is answered yes unasked. */
  readonly assumeYes: boolean;
  /** The answer to "run this mutation on production?"; null until asked in this run. */
  production: boolean | null = null;
  /** Hosts the person would not sign requests to, in this run. */
  readonly declinedHosts = new Set<string>();

  constructor(options: { assumeYes?: boolean } = {}) {
    this.assumeYes = options.assumeYes ?? false;
  }
}
