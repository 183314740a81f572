import { defaultPlatform, templatesOf } from '../support/platform';

/**
 * One snapshot per stack per default environment. A change here is a change to
 * what gets deployed: review it like code and explain it in the commit message.
 * Never refresh blindly (`jest -u` is not in any script).
 */
const templates = templatesOf(defaultPlatform());

test.each([...templates.keys()])('%s template', (name) => {
  expect(templates.get(name)!.toJSON()).toMatchSnapshot();
});
