import { defaultPlatform, templatesOf } from '../support/platform';

/** CloudFormation caps a template at 500 resources and 1 MB; the project keeps headroom. */
const MAX_RESOURCES = 400;
const MAX_BYTES = 800 * 1024;

const templates = templatesOf(defaultPlatform());

test.each([...templates.keys()])('%s stays under 400 resources and 800 KB', (name) => {
  const json = templates.get(name)!.toJSON();
  expect(Object.keys(json.Resources ?? {}).length).toBeLessThanOrEqual(MAX_RESOURCES);
  expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThanOrEqual(MAX_BYTES);
});
