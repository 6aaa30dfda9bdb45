import { expect, test } from '@playwright/test';
import { demoBranchConfig } from '@rinda/shared';
import { printTicket, sampleIssuedTicket, startVirtualPrinter, type VirtualPrinter } from '@rinda/hardware';

let printer: VirtualPrinter;

test.beforeEach(async () => {
  printer = await startVirtualPrinter({ port: 0, httpPort: 0 });
});
test.afterEach(async () => {
  await printer.close();
});

test("the virtual printer's page shows each printed ticket as a preview image, newest first", async ({ page }) => {
  await printTicket({ issued: sampleIssuedTicket({ displayNumber: 'A001', language: 'lv' }), config: demoBranchConfig }, printer.printerUrl);
  await printTicket({ issued: sampleIssuedTicket({ displayNumber: 'B002', language: 'uk', serviceId: 'accounts' }), config: demoBranchConfig }, printer.printerUrl);
  await printer.waitForTicket(2);

  await page.goto(printer.pageUrl);
  const images = page.getByRole('img', { name: /Preview of ticket/ });
  await expect(images).toHaveCount(2);
  await expect(images.first()).toHaveAccessibleName('Preview of ticket 2');
  // Decoded by the browser: a real PNG as wide as 80 mm paper plus margins.
  // decode() waits for the image, however long the page takes to fetch it.
  const size = await images.first().evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    return { w: img.naturalWidth, h: img.naturalHeight };
  });
  expect(size).toEqual({ w: 608, h: expect.any(Number) });

  await page.getByText('Decoded text').first().click();
  await expect(page.locator('pre').first()).toContainText('B002');
  await expect(page.locator('pre').first()).toContainText('Рахунки та картки');
  await page.screenshot({ path: test.info().outputPath('virtual-printer-page.png'), fullPage: true });
});

test('the mode buttons switch the printer to paper out and back', async ({ page }) => {
  await page.goto(printer.pageUrl);
  await page.getByRole('button', { name: 'paper out', exact: true }).click();
  await expect(page.getByRole('button', { name: 'paper out', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(printer.mode()).toBe('paper_out');
  await page.getByRole('button', { name: 'ok', exact: true }).click();
  await expect(page.getByRole('button', { name: 'ok', exact: true })).toHaveAttribute('aria-pressed', 'true');
  expect(printer.mode()).toBe('ok');
});
