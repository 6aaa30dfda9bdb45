import type { VirtualPrinterMode } from './status-replies';
import { VIRTUAL_PRINTER_MODES } from './status-replies';

interface PageTicket {
  id: number;
  receivedAt: number;
  text: string;
  qrCodes: string[];
  cut: boolean;
  previewPath: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The virtual printer's page: its mode with buttons to change it, and every ticket newest first. */
export function renderTicketsPage(tickets: PageTicket[], mode: VirtualPrinterMode): string {
  const buttons = VIRTUAL_PRINTER_MODES.map(
    (m) => `<button data-mode="${m}"${m === mode ? ' aria-pressed="true"' : ''}>${m.replaceAll('_', ' ')}</button>`,
  ).join(' ');
  const cards = [...tickets]
    .reverse()
    .map(
      (t) => `<article>
  <h2>Ticket ${t.id} <small>${new Date(t.receivedAt).toISOString()}${t.cut ? '' : ' · not cut'}</small></h2>
  <img src="${t.previewPath}" alt="Preview of ticket ${t.id}">
  <details><summary>Decoded text</summary><pre>${escape(t.text)}</pre><p>QR: ${t.qrCodes.map((q) => `<code>${escape(q)}</code>`).join(', ')}</p></details>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Virtual printer</title>
<meta http-equiv="refresh" content="5">
<style>
body{font-family:system-ui,sans-serif;margin:1rem;background:#eee;color:#111}
main{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
article{background:#fff;padding:.5rem;border-radius:4px}
img{display:block;max-width:100%;border:1px solid #ccc}
button[aria-pressed=true]{font-weight:bold;outline:3px solid #0a5}
h2{font-size:1rem}
</style></head>
<body>
<h1>Virtual printer</h1>
<p>Mode: <strong>${mode}</strong> ${buttons} · <a href="/tickets.json">tickets.json</a></p>
<main>${cards || '<p>No tickets printed yet.</p>'}</main>
<script>
for (const b of document.querySelectorAll('button[data-mode]'))
  b.addEventListener('click', async () => {
    await fetch('/mode', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: b.dataset.mode }) });
    location.reload();
  });
</script>
</body></html>`;
}
