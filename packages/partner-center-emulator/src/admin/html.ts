/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A plain page in the spirit of the Microsoft 365 admin center; no external assets. */
export function page(title: string, body: string, status = 200, lang = 'en'): Response {
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Microsoft 365 admin center (CSP emulator)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:Segoe UI,system-ui,sans-serif;margin:0;background:#f5f5f5;color:#201f1e}
header{background:#0078d4;color:#fff;padding:12px 24px;font-weight:600}
main{max-width:760px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:22px}dl{display:grid;grid-template-columns:200px 1fr;gap:6px 12px}dt{font-weight:600}
button{background:#0078d4;color:#fff;border:0;padding:8px 20px;border-radius:2px;font-size:15px;cursor:pointer}
select{padding:6px;font-size:14px}.note{color:#605e5c;font-size:13px}.ok{color:#107c10}.err{color:#a4262c}
</style></head>
<body><header>Microsoft 365 admin center <span class="note" style="color:#deecf9">(CSP Hub emulator)</span></header>
<main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
