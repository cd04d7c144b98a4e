/** English strings of the app shell and shared words. Feature folders keep their own (see index.ts). */
export const en = {
  app: { name: 'Sopline', tagline: 'SOP journeys for customer lifecycle operations' },
  nav: { journeys: 'Journeys', inbox: "Today's tasks", customers: 'Customers', dashboards: 'Dashboards', soon: 'Coming soon' },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    create: 'Create',
    delete: 'Delete',
    rename: 'Rename',
    search: 'Search',
    loading: 'Loading…',
    retry: 'Retry',
    language: 'Language',
    signOut: 'Sign out',
    name: 'Name',
    error: 'Something went wrong',
    timezoneNow: 'Now there: {{now}}',
    timezonePlaceholder: 'Search, e.g. Shanghai',
    timezoneNothingFound: 'No such time zone',
    demo: 'Demo',
    demoHelp: 'This is the demo workspace: its data is made up',
    notFound: 'Not found',
  },
  auth: {
    title: 'Sign in to Sopline',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    invalidEmail: 'Enter an e-mail address, e.g. ops@example.com',
    passwordRequired: 'Enter your password',
    demoHint: 'Demo: ops@demo.sopline.dev / sopline-demo',
    setupDone: 'The workspace is set up: sign in.',
  },
  roles: { admin: 'Admin', ops: 'Ops manager', sales: 'Sales rep' },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Strings = Shape<typeof en>;
