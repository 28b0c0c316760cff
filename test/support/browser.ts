// Debian's Chromium signed in to a running n8n: the editor as a user sees it.
import { chromium, type Browser, type Page } from 'playwright-core';

import { OWNER, type N8nInstance } from '../../scripts/lib/n8nInstance';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function openEditor(n8n: N8nInstance): Promise<{ browser: Browser; page: Page }> {
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	await page.goto(`${n8n.url}/signin`);
	// 2.x names the field emailOrLdapLoginId, 1.x email.
	await page.fill('input[name=emailOrLdapLoginId], input[name=email]', OWNER.email);
	await page.fill('input[name=password]', OWNER.password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	return { browser, page };
}
