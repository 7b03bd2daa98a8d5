import { expect, type Locator, type Page } from '@playwright/test';

/** The page a worker's signing link opens, in their own browser. */
export class SigningLinkScreen {
  readonly form: Locator;
  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Employment contract' });
  }
  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }
  async open(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByRole('status').filter({ hasText: 'Opening' })).toBeHidden();
  }
  /** Draws a stroke across the signature pad (pointer events, as a finger or a mouse). */
  async drawSignature() {
    const pad = this.form.getByRole('img', { name: /Signature pad/ });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const { mouse } = this.page;
    await mouse.move(box.x + 20, box.y + box.height * 0.7);
    await mouse.down();
    for (let i = 1; i <= 12; i++)
      await mouse.move(
        box.x + 20 + i * ((box.width - 40) / 12),
        box.y + box.height * (0.5 + 0.25 * Math.sin(i / 1.5)),
        { steps: 2 },
      );
    await mouse.up();
  }
  submit() {
    return this.form.getByRole('button', { name: 'Sign Employment contract' }).click();
  }
}
