// Drives Debian's chromium through the governance console the way a risk manager would and prints what it saw
// as one JSON object; the C# test (ConsoleBrowserTests) asserts on it. Usage:
//   node browse.mjs BASE_URL SCREENSHOT_FOLDER|- FROM TO PRINCIPAL
import { chromium } from 'playwright-core';

const [base, shots, from, to, principal] = process.argv.slice(2);
const origin = new URL(base).origin;
const seen = { errors: [], foreignRequests: [], dialogs: 0, links: {} };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', e => seen.errors.push(`pageerror: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error') seen.errors.push(`console: ${m.text()}`); });
  page.on('request', r => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) seen.foreignRequests.push(r.url()); });
  page.on('dialog', async d => { seen.dialogs++; await d.dismiss(); });

  const rows = () => page.locator('main table tbody tr').count();
  const texts = sel => page.locator(sel).allInnerTexts();
  const shot = async name => { if (shots !== '-') await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }); };
  const collectLinks = async () => {
    for (const href of await page.locator('a[href]').evaluateAll(as => as.map(a => a.href))) seen.links[href] ??= null;
  };

  const range = `from=${from}&to=${to}`;
  await page.goto(`${base}?${range}`);
  seen.inventory = { status: 200, rows: await rows(), models: await texts('main table tbody tr td:first-child'), heading: await page.locator('h1').innerText() };
  await collectLinks();
  await shot('console-inventory');

  await page.fill('input[name=q]', 'fraud');
  await Promise.all([page.waitForURL(/q=fraud/), page.click('form.filters button[type=submit]')]);
  seen.search = { rows: await rows(), models: await texts('main table tbody tr td:first-child') };

  await page.goto(`${base}?${range}`);
  await page.selectOption('select[name=central]', 'Rejected');
  await Promise.all([page.waitForURL(/central=Rejected/), page.click('form.filters button[type=submit]')]);
  seen.rejected = { rows: await rows(), versions: await texts('main table tbody tr td:nth-child(2)') };

  await page.goto(`${base}?${range}`);
  await Promise.all([page.waitForURL(/\/versions\//), page.locator('main table tbody tr td:nth-child(2) a').first().click()]);
  seen.model = {
    url: page.url(),
    heading: await page.locator('h1').innerText(),
    graph: await page.locator('svg').count(),
    nav: await page.locator('nav a').count(),
    sections: await texts('h2'),
  };
  await collectLinks();
  await shot('console-model');

  await page.click('nav >> text=Violations');
  seen.violations = { rows: await rows(), rules: await texts('main table tbody tr td:nth-child(2)') };
  await collectLinks();
  await shot('console-violations');

  await page.goto(`${base}alerts?${range}`);
  seen.alerts = { rows: await rows(), who: await texts('main table tbody tr td:nth-child(3)'), injectedImages: await page.locator('img').count() };
  await collectLinks();
  await shot('console-alerts');

  await page.click('nav >> text=Audit');
  await page.fill('input[name=from]', from);
  await page.fill('input[name=to]', to);
  await page.fill('input[name=principal]', principal);
  await Promise.all([page.waitForURL(/principal=/), page.click('form.filters button[type=submit]')]);
  seen.audit = { rows: await rows(), what: await texts('main table tbody tr td:nth-child(4)') };
  await shot('console-audit');

  await page.goto(`${base}audit?from=not-a-date&to=${to}`);
  seen.auditError = await texts('.error');

  const payload = '"><script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
  await page.goto(`${base}?q=${encodeURIComponent(payload)}&${range}`);
  seen.reflected = { value: await page.inputValue('input[name=q]'), images: await page.locator('img').count() };

  for (const href of Object.keys(seen.links)) {
    seen.links[href] = href.startsWith(origin) ? (await page.request.get(href)).status() : 'foreign';
  }

  seen.pwned = await page.evaluate(() => window.pwned ?? null);
} finally {
  await browser.close();
}

console.log(JSON.stringify(seen));
