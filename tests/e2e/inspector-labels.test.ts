// A built-in node type's form labels come from its own folder: the inspector of send-script, wait (in its
// date mode) and exit shows the labels and help each node package gives in its config schema, in zh-CN and
// en, with none of the other language on the screen. Real server, real Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productAndBrowser, screenshot, signedInAsOps } from '../support/browser.ts';

async function createJourney(page: Page, name: string): Promise<string> {
  const graph = {
    settings: { reentry: 'never', goal: null },
    nodes: [
      { id: 'start', type: 'trigger-manual', config: {}, position: { x: 0, y: 0 } },
      { id: 'hello', type: 'send-script', config: { script: '{{customer.name}}您好，生日快乐！' }, position: { x: 0, y: 160 } },
      { id: 'birthday', type: 'wait', config: { mode: 'date-property', property: 'birthday', offsetDays: -3 }, position: { x: 0, y: 320 } },
      { id: 'end', type: 'exit', config: { reason: 'completed' }, position: { x: 0, y: 480 } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
      { id: 'e2', source: 'hello', sourcePort: 'out', target: 'birthday' },
      { id: 'e3', source: 'birthday', sourcePort: 'out', target: 'end' },
      { id: 'e4', source: 'birthday', sourcePort: 'missing', target: 'end' },
    ],
  };
  return page.evaluate(async (input) => {
    const res = await fetch('/trpc/journeys.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await res.json()) as { result?: { data: { id: string } }; error?: unknown };
    if (!res.ok || !body.result) throw new Error(`journeys.create: ${res.status} ${JSON.stringify(body.error)}`);
    return body.result.data.id;
  }, { name, graph });
}

/** Labels and help per node, as each node package's schema gives them. */
const EXPECTED = {
  hello: {
    'zh-CN': { labels: ['待办标题', '话术', '多少分钟后到期', '优先级'], help: ['销售在「今日待办」中看到的标题。', '0 表示立即到期；仍会遵守免打扰时段。'] },
    en: { labels: ['Task title', 'Script', 'Due after (minutes)', 'Priority'], help: ['What the rep sees in today’s tasks.', '0 = due at once. Quiet hours still apply.'] },
  },
  birthday: {
    'zh-CN': { labels: ['方式', '日期属性', '提前（−）或推后（+）天数', '时间', '每年重复'], help: ['存放日期的客户属性，例如「生日」。可在「设置 → 客户属性」中添加。', '例如 −3 表示生日前 3 天。'] },
    en: { labels: ['Mode', 'Date property', 'Days before (−) or after (+)', 'Time of day', 'Every year'], help: ['A customer property holding a date, e.g. Birthday. Add one in Settings → Customer properties.', 'e.g. −3 for three days before a birthday.'] },
  },
  end: {
    'zh-CN': { labels: ['结束原因'], help: ['记录在客户的旅程记录上，按路径统计。'] },
    en: { labels: ['Exit reason'], help: ['Recorded on the customer’s run and counted per path.'] },
  },
} as const;

describe("a built-in node type's form speaks with its own folder's labels (real Chromium)", () => {
  const env = productAndBrowser({ beforeAll, afterAll });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`${locale}: send-script, wait and exit show their schema's labels and help`, async () => {
      const page = await signedInAsOps(env.browser, env.product.url, locale);
      const id = await createJourney(page, `${locale === 'en' ? 'Labels' : '字段名称'} ${Date.now() % 10_000}`);
      await page.goto(`${env.product.url}/journeys/${id}`);
      await page.getByTestId('canvas').waitFor();
      const inspector = page.getByTestId('inspector');

      // The canvas says what each step does in the workspace's words: a script's variable by what it
      // stands for, the date a wait reads by the property's label (the demo names birthday 生日).
      const summaries = locale === 'en' ? { hello: '发送话术: [Customer name]您好，生日快乐！', birthday: 'Wait until 3 days before Birthday, 10:00 (yearly)' } : { hello: '发送话术：【客户姓名】您好，生日快乐！', birthday: '等到「生日」前 3 天 10:00（每年）' };
      for (const [nodeId, summary] of Object.entries(summaries)) await page.getByTestId(`node-${nodeId}`).getByText(summary, { exact: true }).waitFor();

      for (const [nodeId, byLang] of Object.entries(EXPECTED)) {
        await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
        await inspector.waitFor();
        const { labels, help } = byLang[locale];
        // Each label names a field: the form's labels (a switch's own, not its body's), less a required field's asterisk.
        await inspector.getByText(labels[0]!, { exact: true }).first().waitFor();
        const fieldNames = (await inspector.locator('label:not(.mantine-Switch-body), .mantine-Switch-label').allTextContents()).map((l) => l.replace(/\s*\*$/, '').trim());
        for (const label of labels) expect(fieldNames, `${nodeId}: ${label}`).toContain(label);
        const shown = (await inspector.textContent()) ?? '';
        for (const h of help) expect(shown, `${nodeId}: help`).toContain(h);
        const other = locale === 'en' ? /[\u3400-\u9fff]/ : /\b(Task title|Script|Priority|Mode|Date property|Every year|Exit reason)\b/;
        const formText = (await inspector.locator('label, legend, .mantine-InputWrapper-description, .mantine-Switch-description').allTextContents()).join(' ');
        expect(formText, `${nodeId}: no ${locale === 'en' ? 'Chinese' : 'English'} field names`).not.toMatch(other);
        // A choice's values are named by the package too (send-script's priority, wait's mode).
        const values = { hello: { 'zh-CN': ['低', '普通', '高'], en: ['Low', 'Normal', 'High'] }, birthday: { 'zh-CN': ['日期属性前后'], en: ['Date property'] } }[nodeId as 'hello' | 'birthday'];
        if (values) {
          const shownValues = [...(await inspector.locator('.mantine-SegmentedControl-label').allTextContents()), ...(await inspector.locator('input[readonly]').evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value)))];
          for (const v of values[locale]) expect(shownValues, `${nodeId}: value ${v}`).toContain(v);
        }
        await screenshot(page, `inspector-${nodeId}-${locale}`);
      }
      await page.context().close();
    });
  }
});
