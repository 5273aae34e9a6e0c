// Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and returns the violations.
import fs from 'node:fs';
import path from 'node:path';

const AXE = fs.readFileSync(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 AA violations on the page, or only inside the element `selector`, as `id: target` strings. */
export async function wcagViolations(page, selector) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE);
  }
  const result = await page.evaluate((selector) => window.axe.run(selector ?? document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }), selector);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}
