import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { buildReport, readAssembly, Report, writeReport } from '../../../lib/report';
import { COMPLIANCE_PACKS } from '../../../policies';
import { synthesizeAssembly } from '../../support/assembly';

/**
 * What a reviewer sees: the report of a synthesized environment opened from disk in a
 * real headless Chromium (the Debian `chromium` package; `.ci/run` installs it),
 * driven by playwright-core.
 */
let browser: Browser;
let page: Page;
let report: Report;
const requests: string[] = [];

function chromiumPath(): string {
  return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  const directory = synthesizeAssembly(['dev-eu'], COMPLIANCE_PACKS);
  const built = await buildReport(readAssembly(directory), { packs: [...COMPLIANCE_PACKS] });
  report = built.report;
  const dir = writeReport(built, directory);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`file://${path.join(dir, 'index.html')}`);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

test('opens on the summary with the counts of the report', async () => {
  await expect(page.locator('h1').textContent()).resolves.toBe('Data platform compliance report');
  await expect(page.locator('#summary-open .value').textContent()).resolves.toBe(String(report.summary.open));
  await expect(page.locator('#summary-acknowledged .value').textContent()).resolves.toBe(String(report.summary.acknowledged));
  await expect(page.locator('#verdict').textContent()).resolves.toMatch(/^No open finding/);
  const summaryTop = (await page.locator('#summary').boundingBox())!.y;
  const environmentTop = (await page.locator('#env-dev-eu').boundingBox())!.y;
  expect(summaryTop).toBeLessThan(environmentTop);
});

test('navigates to an environment section from the contents', async () => {
  await page.locator('nav.side a[href="#env-dev-eu"]').click();
  expect(new URL(page.url()).hash).toBe('#env-dev-eu');
  const section = page.locator('#env-dev-eu');
  expect(await section.isVisible()).toBe(true);
  await expect(section.locator('h2').textContent()).resolves.toBe('Environment dev-eu');
  expect(await section.locator('#dev-eu-encryption + table tbody tr').count()).toBe(report.environments[0].encryption.length);
});

test('drills down into a control: its resources and the acknowledgement reason', async () => {
  const control = page.locator('#ctl-dev-eu-DataPlatform-DataPlatform-CustomerManagedKey');
  const resource = control.locator('li', { hasText: 'Lake/DataLake/AccessLogs/Resource' });
  expect(await resource.isVisible()).toBe(false); // collapsed until opened
  await control.locator('summary').click();
  expect(await resource.isVisible()).toBe(true);
  await expect(resource.locator('.reason').textContent()).resolves.toMatch(/SSE-S3/);
});

test('hides passed controls on request', async () => {
  const passed = page.locator('#env-dev-eu details.control.passed').first();
  expect(await passed.isVisible()).toBe(true);
  await page.locator('#env-dev-eu input.hide-passed').check();
  expect(await passed.isVisible()).toBe(false);
  await page.locator('#env-dev-eu input.hide-passed').uncheck();
});

test('shows the architecture diagram as an inline SVG', async () => {
  const svg = page.locator('#diagram-dev-eu svg');
  await svg.scrollIntoViewIfNeeded();
  expect(await svg.isVisible()).toBe(true);
  expect((await svg.boundingBox())!.width).toBeGreaterThan(300);
  expect(await svg.locator('text', { hasText: 'DataLake/Raw' }).count()).toBeGreaterThan(0);
});

test('makes no request beyond the file itself', () => {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
});
