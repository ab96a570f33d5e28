// The labelling page: plain browser JavaScript, talks to the JSON API (docs/labelling.md).
'use strict';
const $ = (id) => document.getElementById(id);
let labeller = localStorage.getItem('curate.labeller') || '';
let current = null; // the document on screen
const history = JSON.parse(sessionStorage.getItem('curate.history') || '[]'); // labels made in this tab, for undo
const skipped = JSON.parse(sessionStorage.getItem('curate.skipped') || '[]');
let busy = false;

function save() {
  sessionStorage.setItem('curate.history', JSON.stringify(history));
  sessionStorage.setItem('curate.skipped', JSON.stringify(skipped));
}

function status(text) { $('status').textContent = text; }

async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

function show(doc) {
  current = doc;
  $('main').hidden = false;
  $('done').hidden = true;
  $('doc-title').textContent = doc.title || '(untitled)';
  $('doc-id').textContent = doc.id;
  $('doc-source').textContent = doc.source + (doc.url ? ` · ${doc.url}` : '');
  $('doc-license').textContent = doc.license;
  $('doc-domain').textContent = doc.domain;
  $('domain-fix').value = '';
  $('note').value = '';
  $('doc-quality').textContent = `${doc.quality} / 5`;
  $('doc-signals').textContent = Object.entries(doc.signals || {}).map(([k, v]) => `${k} = ${v}`).join('\n');
  $('doc-model').textContent = doc.model_score === null || doc.model_score === undefined ? 'no model yet' : `${doc.model_score} (${doc.scorer || 'model'})`;
  $('doc-pick').textContent = doc.pick ? `${doc.pick}${doc.pick === 'uncertain' ? ` by ${doc.scorer}` : ''}` : '';
  const box = $('text-box');
  box.className = doc.content_type === 'code' || doc.domain === 'code' ? 'code' : '';
  box.textContent = doc.text;
  box.scrollTop = 0;
  const earlier = (doc.earlier_labels || []).filter((l) => l.stale);
  $('earlier').hidden = earlier.length === 0;
  $('earlier').textContent = earlier.length ? `You graded an earlier version of this text ${earlier[0].quality}; the text has changed since, so it is shown again.` : '';
  if (doc.progress) progress(doc.progress);
}

function progress(p) {
  $('progress').textContent = `labelled ${p.labelled} / ${p.target}`;
}

async function refreshStats() {
  const s = await api('/api/stats');
  progress({ labelled: s.labelled_documents, target: s.target });
  const a = s.agreement;
  $('agreement').textContent = a.pairs > 0
    ? `Agreement on ${a.documents} documents graded by two or more labellers: keep/drop kappa ${a.keep_drop_kappa ?? 'n/a'}, weighted grade kappa ${a.grade_weighted_kappa ?? 'n/a'}.`
    : 'Agreement: no document has two labellers yet.';
}

async function next() {
  const q = new URLSearchParams({ labeller });
  if (skipped.length) q.set('exclude', skipped.join(','));
  const doc = await api(`/api/next?${q}`);
  if (doc.done) {
    current = null;
    $('main').hidden = true;
    $('done').hidden = false;
    progress(doc.progress);
    return;
  }
  show(doc);
}

async function grade(g) {
  if (!current || busy) return;
  busy = true;
  try {
    const body = { id: current.id, labeller, quality: g };
    if ($('domain-fix').value) body.domain = $('domain-fix').value;
    if ($('note').value.trim()) body.note = $('note').value.trim();
    const label = await api('/api/labels', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    history.push(label.label_id);
    save();
    status(`saved: grade ${g} for ${current.id}`);
    await next();
    refreshStats().catch(() => {});
  } catch (e) {
    status(`not saved: ${e.message}`);
  } finally {
    busy = false;
  }
}

async function skip() {
  if (!current || busy) return;
  skipped.push(current.id);
  save();
  status(`skipped ${current.id}`);
  await next();
}

async function undo() {
  if (busy || history.length === 0) return status('nothing to undo');
  busy = true;
  try {
    const id = history[history.length - 1];
    const r = await api(`/api/labels/${id}?labeller=${encodeURIComponent(labeller)}`, { method: 'DELETE' });
    history.pop();
    save();
    show({ ...(await api(`/api/docs/${encodeURIComponent(r.deleted.id)}`)), pick: 'undo' });
    status(`undone: label of ${r.deleted.id} removed`);
    refreshStats().catch(() => {});
  } catch (e) {
    status(`undo failed: ${e.message}`);
  } finally {
    busy = false;
  }
}

document.addEventListener('keydown', (ev) => {
  if (ev.target && (ev.target.tagName === 'TEXTAREA' || ev.target.tagName === 'INPUT' || ev.target.tagName === 'SELECT')) {
    if (ev.key === 'Escape') ev.target.blur();
    return;
  }
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (/^[0-5]$/.test(ev.key)) { ev.preventDefault(); grade(Number(ev.key)); }
  else if (ev.key === 's') { ev.preventDefault(); skip(); }
  else if (ev.key === 'u') { ev.preventDefault(); undo(); }
});
for (const b of document.querySelectorAll('#grades button')) b.addEventListener('click', () => grade(Number(b.dataset.grade)));
$('skip').addEventListener('click', skip);
$('undo').addEventListener('click', undo);

function start() {
  $('who').textContent = `labeller: ${labeller}`;
  $('name-form').hidden = true;
  next().catch((e) => status(e.message));
  refreshStats().catch(() => {});
}

$('name-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  labeller = $('name-input').value.trim();
  if (!labeller) return;
  localStorage.setItem('curate.labeller', labeller);
  start();
});

if (labeller) start();
else { $('name-form').hidden = false; $('name-input').focus(); }
