import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.js';
import { artifactPath, launchBrowser } from './browser.js';

/** 垃圾分类 in the H5 build, against the real server and FerretDB: search as you type, guide, quiz. */
describe('H5 waste sorting (垃圾分类)', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function mobilePage(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, deviceScaleFactor: 2 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  it('首页 → 垃圾分类 opens the search page', async () => {
    const { page, errors } = await mobilePage();
    await page.goto(`${t.url}/h5/#/pages/index/index`, { waitUntil: 'networkidle' });
    await page.locator('.home__entry', { hasText: '垃圾分类' }).click({ timeout: 20_000 });
    await page.locator('.waste__input').waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('/packages/waste/pages/search/index');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('search: instant results in the category colour, typo and pinyin tolerant, did-you-mean, no match tags, recent searches kept', async () => {
    const { page, errors } = await mobilePage();
    await page.goto(`${t.url}/h5/#/packages/waste/pages/search/index`, { waitUntil: 'networkidle' });
    await page.getByText('分类指南').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('waste-search-empty.png'), fullPage: true });

    const input = page.locator('.waste__input input');
    await input.fill('西瓜坯'); // one wrong character
    const card = page.locator('.waste-card');
    await expect.poll(async () => card.textContent(), { timeout: 15_000 }).toContain('西瓜皮');
    expect(await card.textContent()).toContain('厨余垃圾');
    expect(await page.locator('.waste-card__head').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(46, 139, 62)');
    await page.screenshot({ path: artifactPath('waste-search-result.png'), fullPage: true });

    await input.fill('dc');
    await expect.poll(async () => card.textContent(), { timeout: 15_000 }).toMatch(/有害垃圾|其他垃圾|可回收物|厨余垃圾/);
    await input.press('Enter');

    // a wrong character that sounds right: the page asks "did you mean" and shows the item
    await input.fill('塑料代');
    // (an earlier query's suggestion stays on screen until this answer arrives)
    await expect.poll(async () => (await page.locator('.waste__suggest').allTextContents()).join('').replace(/\s/g, ''), { timeout: 15_000 }).toBe('您要找的是不是：塑料袋');
    await expect.poll(async () => card.textContent(), { timeout: 15_000 }).toContain('塑料袋');
    // residents see item names and bins, not the search's internal match kinds
    const rows = (await page.locator('.waste__list').textContent()) ?? '';
    for (const tag of ['拼音', '别名', '相近', '首字母']) expect(rows).not.toContain(tag);
    expect(await page.locator('.waste__notice').textContent()).toMatch(/上海.*替换/);
    await page.screenshot({ path: artifactPath('waste-search-did-you-mean.png'), fullPage: true });

    await input.fill('宇宙飞船');
    await page.getByText('没有找到“宇宙飞船”').waitFor({ timeout: 15_000 });
    expect(await page.locator('.waste__hint').count()).toBe(4);
    await page.screenshot({ path: artifactPath('waste-search-miss.png'), fullPage: true });
    await expect.poll(async () => (await t.deps.models.WasteMiss.findById('宇宙飞船').lean())?.count).toBe(1);

    await page.locator('.waste__clear').click();
    await page.getByText('最近搜索').waitFor();
    expect(await page.locator('.waste__chip').allTextContents()).toContain('dc');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('guide: the four categories with colour, tips and examples, in Chinese only', async () => {
    const { page, errors } = await mobilePage();
    await page.goto(`${t.url}/h5/#/packages/waste/pages/guide/index?id=hazardous`, { waitUntil: 'networkidle' });
    await page.locator('.guide__name').waitFor({ timeout: 20_000 });
    expect(await page.locator('.guide__name').textContent()).toBe('有害垃圾');
    expect(await page.locator('.guide__tab').allTextContents()).toEqual(['可回收物', '有害垃圾', '厨余垃圾', '其他垃圾']);
    expect(await page.locator('.guide__example').allTextContents()).toContain('电池');
    // Chinese only: no English category names anywhere on the page
    expect(await page.locator('.guide').textContent()).not.toMatch(/[A-Za-z]{3,}/);
    expect(await page.locator('.guide__notice').textContent()).toMatch(/演示.*上海.*替换/);
    await page.screenshot({ path: artifactPath('waste-guide.png'), fullPage: true });
    await page.locator('.guide__tab', { hasText: '厨余垃圾' }).click();
    expect(await page.locator('.guide__name').textContent()).toBe('厨余垃圾');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('quiz: ten questions, feedback after each (right or wrong, the category, why), a score and an explanation for each', async () => {
    const { page, errors } = await mobilePage();
    await page.goto(`${t.url}/h5/#/packages/waste/pages/quiz/index`, { waitUntil: 'networkidle' });
    await page.locator('.quiz__item').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: artifactPath('waste-quiz-question.png'), fullPage: true });
    // answer with the true category for the first five (looked up in the database), then always 可回收物
    const truth = new Map((await t.deps.models.WasteItem.find({}, { name: 1, category: 1 }).lean()).map((d) => [d.name, d.category]));
    const zh: Record<string, string> = { recyclable: '可回收物', hazardous: '有害垃圾', kitchen: '厨余垃圾', residual: '其他垃圾' };
    let expected = 0;
    let wrongShot = false;
    for (let i = 0; i < 10; i++) {
      await expect.poll(async () => page.locator('.quiz__count').textContent()).toContain(`第 ${i + 1} 题`);
      const name = (await page.locator('.quiz__item').textContent())!.trim();
      const right = truth.get(name)!;
      const pick = i < 5 ? right : 'recyclable';
      if (pick === right) expected++;
      await page.locator('.quiz__option', { hasText: zh[pick] }).click();
      // feedback right after the answer: right or wrong, the right category, why
      const fb = page.locator('.quiz__feedback');
      await fb.waitFor({ timeout: 15_000 });
      expect(await fb.locator('.quiz__mark').textContent()).toBe(pick === right ? '✓ 答对了' : '✗ 答错了');
      expect(await fb.locator('.quiz__result-cat').textContent()).toContain(zh[right]);
      expect((await fb.locator('.quiz__explain').textContent())!.length).toBeGreaterThan(4);
      if (i === 0 || (i >= 5 && pick !== right && !wrongShot)) {
        await page.screenshot({ path: artifactPath(i === 0 ? 'waste-quiz-feedback-right.png' : 'waste-quiz-feedback-wrong.png'), fullPage: true });
        if (i > 0) wrongShot = true;
      }
      await fb.locator('.quiz__next').click();
    }
    await page.locator('.quiz__score-big').waitFor({ timeout: 15_000 });
    expect(Number(await page.locator('.quiz__score-big').textContent())).toBe(expected);
    expect(await page.locator('.quiz__result').count()).toBe(10);
    expect(await page.locator('.quiz__explain').first().textContent()).toMatch(/投放到/);
    await page.screenshot({ path: artifactPath('waste-quiz-result.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
