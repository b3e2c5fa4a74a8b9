// The public verification page (/verify, no login): a check code, a PDF dropped or chosen, or a
// QR text checked offline; the answer says valid, revoked or not found in words and with a
// symbol, never by colour alone, and takes focus so that a screen reader reads it. The code or
// QR text may come in the address's fragment (#code=… / #qr=…), which no server sees.

import '../styles.css';
import './verify.css';
import { focusElement, h } from '../dom';
import { applyHtmlLang, formatDate, otherLang, setLang } from '../i18n';
import { checkCode, checkPdf, normalizeCode, publishedKeys, verifyQrOffline } from './check';
import type { CheckResult, PublicKey, QrContent } from './check';
import { kindText, w } from './text';

const kKeysStorage = 'huji.verify.keys';
const kMaxPdf = 5 << 20;

type Shown =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'check'; result: CheckResult }
  | { kind: 'qr'; content: QrContent | null; text: string }
  | { kind: 'input_error'; field: 'code' | 'pdf' | 'qr'; message: string };

const state = {
  code: '',
  qr: '',
  shown: { kind: 'none' } as Shown,
  keys: [] as PublicKey[],
};

function storedKeys(): PublicKey[] {
  try {
    return JSON.parse(localStorage.getItem(kKeysStorage) ?? '[]') as PublicKey[];
  } catch {
    return [];
  }
}

// The published keys, remembered so that a QR text can be checked later without a network.
async function loadKeys(): Promise<void> {
  state.keys = storedKeys();
  try {
    state.keys = await publishedKeys();
    localStorage.setItem(kKeysStorage, JSON.stringify(state.keys));
  } catch {
    // Offline: the remembered keys, if any.
  }
}

function fragmentParams(): URLSearchParams {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}

const app = document.getElementById('app') as HTMLElement;
const live = document.getElementById('live-status') as HTMLElement;

function announce(text: string): void {
  live.textContent = '';
  window.setTimeout(() => { live.textContent = text; }, 50);
}

function show(shown: Shown, focus = true): void {
  state.shown = shown;
  render();
  if (!focus) return;
  if (shown.kind === 'input_error') {
    focusElement(document.getElementById(shown.field === 'pdf' ? 'pdf-file' : shown.field === 'qr' ? 'qr-text' : 'check-code'));
    announce(shown.message);
  } else if (shown.kind !== 'none') {
    const heading = document.getElementById('result-status');
    focusElement(heading);
    if (heading && shown.kind !== 'checking') announce(heading.textContent ?? '');
  }
}

async function submitCode(): Promise<void> {
  const code = normalizeCode(state.code);
  if (!code) {
    show({ kind: 'input_error', field: 'code', message: w('code.invalid') });
    return;
  }
  show({ kind: 'checking' });
  show({ kind: 'check', result: await checkCode(code) });
}

async function submitPdf(file: File | undefined): Promise<void> {
  if (!file) return;
  if (file.type && file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')) {
    show({ kind: 'input_error', field: 'pdf', message: w('pdf.not_pdf') });
    return;
  }
  if (file.size > kMaxPdf) {
    show({ kind: 'input_error', field: 'pdf', message: w('pdf.too_large') });
    return;
  }
  show({ kind: 'checking' });
  show({ kind: 'check', result: await checkPdf(await file.arrayBuffer()) });
}

async function submitQr(): Promise<void> {
  if (state.keys.length === 0) await loadKeys();
  if (state.keys.length === 0) {
    show({ kind: 'input_error', field: 'qr', message: w('qr.no_keys') });
    return;
  }
  show({ kind: 'qr', content: await verifyQrOffline(state.qr, state.keys), text: state.qr });
}

function fieldError(field: 'code' | 'pdf' | 'qr'): string | null {
  return state.shown.kind === 'input_error' && state.shown.field === field ? state.shown.message : null;
}

function textField(id: string, label: string, hint: string, field: 'code' | 'pdf' | 'qr', control: HTMLElement): HTMLElement {
  const error = fieldError(field);
  control.setAttribute('aria-describedby', [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' '));
  if (error) control.setAttribute('aria-invalid', 'true');
  return h('div', { class: `field${error ? ' field--error' : ''}` },
    h('label', { class: 'field__label', for: id }, label),
    h('p', { class: 'field__hint', id: `${id}-hint` }, hint),
    error ? h('p', { class: 'field__error', id: `${id}-error` }, error) : null,
    control);
}

function codeSection(): HTMLElement {
  const input = h('input', {
    id: 'check-code', class: 'input input--code', type: 'text', value: state.code, autocomplete: 'off',
    autocapitalize: 'characters', spellcheck: 'false', maxlength: 40,
    oninput: (ev: Event) => { state.code = (ev.target as HTMLInputElement).value; },
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'code-title' },
    h('h2', { class: 'panel__title', id: 'code-title' }, w('code.title')),
    h('form', { novalidate: true, onsubmit: (ev: Event) => { ev.preventDefault(); void submitCode(); } },
      textField('check-code', w('code.label'), w('code.hint'), 'code', input),
      h('button', { class: 'button button--primary', type: 'submit' }, w('code.submit'))));
}

function pdfSection(): HTMLElement {
  const input = h('input', {
    id: 'pdf-file', class: 'drop-zone__input', type: 'file', accept: 'application/pdf,.pdf',
    onchange: (ev: Event) => { void submitPdf((ev.target as HTMLInputElement).files?.[0]); },
  });
  const zone = h('div', {
    class: 'drop-zone',
    ondragover: (ev: Event) => { ev.preventDefault(); zone.classList.add('drop-zone--over'); },
    ondragleave: () => zone.classList.remove('drop-zone--over'),
    ondrop: (ev: Event) => {
      ev.preventDefault();
      zone.classList.remove('drop-zone--over');
      void submitPdf((ev as DragEvent).dataTransfer?.files?.[0]);
    },
  }, textField('pdf-file', w('pdf.label'), w('pdf.hint'), 'pdf', input));
  return h('section', { class: 'panel', 'aria-labelledby': 'pdf-title' },
    h('h2', { class: 'panel__title', id: 'pdf-title' }, w('pdf.title')), zone);
}

function qrSection(): HTMLElement {
  const area = h('textarea', {
    id: 'qr-text', class: 'input input--qr', rows: 3, spellcheck: 'false', autocomplete: 'off',
    oninput: (ev: Event) => { state.qr = (ev.target as HTMLTextAreaElement).value; },
  });
  area.value = state.qr;
  return h('section', { class: 'panel', 'aria-labelledby': 'qr-title' },
    h('h2', { class: 'panel__title', id: 'qr-title' }, w('qr.title')),
    h('form', { novalidate: true, onsubmit: (ev: Event) => { ev.preventDefault(); void submitQr(); } },
      textField('qr-text', w('qr.label'), w('qr.hint'), 'qr', area),
      h('button', { class: 'button', type: 'submit' }, w('qr.submit'))));
}

function facts(items: [string, Node | string][]): HTMLElement {
  return h('dl', { class: 'facts' }, items.map(([label, value]) =>
    h('div', { class: 'facts__item' }, h('dt', null, label), h('dd', null, value))));
}

const mono = (text: string) => h('span', { class: 'mono', lang: 'en' }, text);
const codeText = (text: string) => h('span', { class: 'mono mono--code', lang: 'en' }, text);

// The status line: a symbol and words, in the result's own colours.
function status(tone: 'ok' | 'bad' | 'warn' | 'info', symbol: string, text: string): HTMLElement {
  return h('h3', { class: `verify-status verify-status--${tone}`, id: 'result-status' },
    h('span', { class: 'verify-status__symbol', 'aria-hidden': 'true' }, symbol), text);
}

function resultBody(): HTMLElement[] {
  const s = state.shown;
  if (s.kind === 'checking') return [status('info', '…', w('result.checking'))];
  if (s.kind === 'qr') {
    if (!s.content) return [status('bad', '✗', w('result.qr_invalid'))];
    const c = s.content;
    return [status('ok', '✓', w('result.qr_valid')),
      facts([[w('field.document'), kindText(c.document)], [w('field.check_code'), codeText(c.checkCode)],
        [w('field.issued_on'), formatDate(c.issuedOn)], [w('field.office'), mono(c.officeCode)],
        [w('field.digest'), mono(c.digest)], [w('field.key'), mono(c.keyId)]]),
      h('button', { class: 'button', type: 'button', id: 'qr-online',
        onclick: () => { state.code = c.checkCode; void submitCode(); } }, w('result.qr_online'))];
  }
  if (s.kind !== 'check') return [];
  const r = s.result;
  if (r.kind === 'not_found') return [status('bad', '✗', w('result.not_found')), h('p', null, w('result.not_found_hint'))];
  if (r.kind === 'throttled') return [status('warn', '!', w('result.throttled', { s: r.retryAfter }))];
  if (r.kind === 'failed') return [status('warn', '!', w('result.failed'))];
  const d = r.doc;
  const revoked = d.status === 'revoked';
  const items: [string, Node | string][] = [[w('field.document'), kindText(d.document)],
    [w('field.check_code'), codeText(d.check_code)], [w('field.issued_on'), formatDate(d.issued_on)],
    [w('field.office'), h('span', { lang: 'zh-Hant-TW' }, d.office_name || d.office_code)]];
  if (revoked && d.revoked_on) items.push([w('field.revoked_on'), formatDate(d.revoked_on)]);
  items.push([w('field.sha256'), mono(d.sha256)], [w('field.key'), mono(d.key_id)]);
  return [
    revoked ? status('bad', '✗', w('result.revoked')) : status('ok', '✓', w('result.valid')),
    facts(items),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table' },
      h('caption', null, w('printed.caption')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, w('printed.key')), h('th', { scope: 'col' }, w('printed.value')))),
      h('tbody', { lang: 'zh-Hant-TW' }, d.printed.map((f) => h('tr', null, h('th', { scope: 'row' }, f.key),
        h('td', { class: 'printed-value' }, f.value)))))),
  ];
}

function render(): void {
  document.title = w('title');
  const body = resultBody();
  app.replaceChildren(
    h('a', { class: 'skip-link', href: '#main' }, w('skip')),
    h('header', { class: 'site-header' }, h('div', { class: 'site-header__inner' },
      h('div', { class: 'brand' }, h('span', { class: 'brand__mark', 'aria-hidden': 'true' }, '戶'),
        h('span', { class: 'brand__name' }, w('brand'))),
      h('button', { class: 'button button--header', type: 'button', id: 'lang-switch', 'aria-label': w('lang.label'),
        lang: otherLang() === 'en' ? 'en' : 'zh-Hant-TW',
        onclick: () => { setLang(otherLang()); render(); focusElement(document.getElementById('lang-switch')); } },
      w('lang')))),
    h('main', { id: 'main', class: 'page verify-page', tabindex: '-1' },
      h('div', { class: 'page-head' }, h('h1', { class: 'page-title', id: 'page-title' }, w('title')),
        h('p', { class: 'lead' }, w('intro'))),
      body.length > 0 ? h('section', { class: 'panel verify-result', 'aria-labelledby': 'result-title' },
        h('h2', { class: 'panel__title', id: 'result-title' }, w('result.title')), ...body) : null,
      codeSection(), pdfSection(), qrSection()));
}

async function start(): Promise<void> {
  applyHtmlLang();
  const params = fragmentParams();
  state.code = params.get('code') ?? '';
  state.qr = params.get('qr') ?? '';
  render();
  await loadKeys();
  if (state.code) await submitCode();
  else if (state.qr) await submitQr();
}

void start();
