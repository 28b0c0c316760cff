// The canvas shows the outputs each operation has, in n8n 2.x and 1.x, and changes them when the
// operation changes: Get Many one, every write operation Success and Failed. A screenshot of each.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { N8nInstance, NODE_TYPE } from '../../scripts/lib/n8nInstance';
import { N8N_V1, N8N_V2 } from '../../scripts/lib/n8nInstall';
import { credentialFor, operationWorkflow } from '../../scripts/lib/workflows';
import { startSandbox, type KoreSandbox } from '../../sandbox';
import { openEditor } from '../support/browser';

const IMAGES = join(__dirname, '..', '..', 'docs', 'images', 'outputs');

const OPERATIONS: Array<[string, string, string[]]> = [
	['bulkUpdate', 'Bulk Update', ['Success', 'Failed']],
	['create', 'Create', ['Success', 'Failed']],
	['getAll', 'Get Many', ['Contacts']],
	['update', 'Update', ['Success', 'Failed']],
	['delete', 'Delete', ['Success', 'Failed']],
	['bulkDelete', 'Bulk Delete', ['Success', 'Failed']],
	['importCsv', 'Import From CSV', ['Success', 'Failed']],
	['upsert', 'Create or Update', ['Success', 'Failed']],
];
const workflows = OPERATIONS.map(([operation], i) => operationWorkflow(`KoreE2eOutputs0${i}`, operation, 'return [{ json: {} }];'));
const dryRunWorkflow = operationWorkflow('KoreE2eDryRun001', 'upsert', 'return [{ json: {} }];', { options: { dryRun: true } });

describe.each([N8N_V2, N8N_V1])('n8n %s: outputs follow the operation', (version) => {
	let sandbox: KoreSandbox;
	let n8n: N8nInstance;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(IMAGES, { recursive: true });
		sandbox = await startSandbox({ seedCount: 5, rateLimit: { requestsPerWindow: 0 } });
		n8n = N8nInstance.prepare({ version });
		await n8n.importCredentials([credentialFor(sandbox.credentials())]);
		await n8n.importWorkflows([...workflows, dryRunWorkflow]);
		await n8n.start();
		await n8n.login();
		({ browser, page } = await openEditor(n8n));
	}, 600_000);
	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await sandbox?.stop();
	});

	const koreNode = () => page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`);
	async function outputNames() {
		await koreNode().waitFor();
		const handles = koreNode().locator('[data-test-id=canvas-node-output-handle]');
		await handles.first().waitFor();
		return (await handles.allInnerTexts()).map((t) => t.trim());
	}

	test.each(OPERATIONS.map((o, i) => [...o, i] as const))('%s (%s): outputs %j', async (operation, _name, expected, index) => {
		await page.goto(`${n8n.url}/workflow/${workflows[index].id}`);
		expect(await outputNames()).toEqual(expected);
		await page.screenshot({ path: join(IMAGES, `${version.split('.')[0]}x-${operation}.png`) });
	});

	test('changing the operation in the node panel changes the outputs on the canvas', async () => {
		await page.goto(`${n8n.url}/workflow/${workflows[2].id}`);
		expect(await outputNames()).toEqual(['Contacts']);
		await koreNode().dblclick();
		await page.locator('[data-test-id=ndv]').waitFor();
		await page.locator('[data-test-id=parameter-input-operation]').click();
		await page.getByRole('option').filter({ hasText: /^Create/ }).first().click();
		// Out of the option list, then out of the panel (2.x has a close button, 1.x a back arrow).
		await page.locator('[data-test-id=ndv]').getByText('Options', { exact: true }).first().click();
		await page.keyboard.press('Escape');
		await page.waitForTimeout(500);
		if (await page.locator('[data-test-id=ndv]').isVisible()) {
			await page.locator('[data-test-id=ndv-close-button], [data-test-id=back-to-canvas]').first().click();
		}
		await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' });
		let names: string[] = [];
		for (let tries = 0; tries < 40 && names.length !== 2; tries++) {
			names = await outputNames();
			if (names.length !== 2) await page.waitForTimeout(250);
		}
		expect(names).toEqual(['Success', 'Failed']);
		await page.screenshot({ path: join(IMAGES, `${version.split('.')[0]}x-getAll-changed-to-create.png`) });
	});

	test('the subtitle says Dry Run while the option is on', async () => {
		await page.goto(`${n8n.url}/workflow/${dryRunWorkflow.id}`);
		await koreNode().waitFor();
		await koreNode().getByText('Dry Run: Create or Update Contacts').waitFor();
		await page.screenshot({ path: join(IMAGES, `${version.split('.')[0]}x-upsert-dry-run.png`) });
		await page.goto(`${n8n.url}/workflow/${workflows[OPERATIONS.findIndex(([op]) => op === 'upsert')].id}`);
		await koreNode().getByText('Create or Update Contacts').waitFor();
		expect(await koreNode().innerText()).not.toContain('Dry Run');
	});
});
