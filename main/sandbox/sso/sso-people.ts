import type { SsoFixture } from './sso-fixture.ts';

/** The people who may approve a login: the fixture's users, or one `sandbox-user`. */
export function fixturePeople(fixture: SsoFixture) {
  const users = fixture.users?.length ? fixture.users : [{ userName: 'sandbox-user' }];
  return {
    /** In fixture order, for the login pages' "Signed in as" choice. */
    names: users.map((u) => u.userName),
    /** The named person, or the first one when no name is given. */
    resolve(userName?: string): string {
      if (userName === undefined) return users[0]!.userName;
      if (!users.some((u) => u.userName === userName))
        throw new Error(`No SSO user "${userName}" in the fixture.`);
      return userName;
    },
  };
}

export type SsoPeople = ReturnType<typeof fixturePeople>;
