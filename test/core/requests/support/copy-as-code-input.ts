/** A request to copy as code: a query with a quote in it, and variables of every JSON kind. */
export const base = {
  url: 'https://abc.appsync-api.ap-southeast-2.amazonaws.com/graphql',
  query: 'query foo { GetUserSettings(id: "it\'s") { user_name } }',
  variables: { on: true, off: false, none: null, list: ['a'] },
};
