// The labeling screen's canvas (an ES module). One <canvas> draws the image and every box, so thousands stay fast; it
// redraws in requestAnimationFrame only after something changed. Mouse: drag on empty space (or Shift+drag anywhere)
// draws a box with the current label, a click selects, a drag moves, the corner handles resize, the wheel zooms around
// the pointer, the middle button or Space+drag pans. Keys: Delete/Backspace remove the selected box, Escape deselects,
// F fits the image. Boxes are in the image's own pixels and stay inside it; after each finished change the module calls
// dotnet.OnBoxesChanged(boxes). listenKeys forwards the screen's other keys to .NET; benchmark(n) times the drawing.

const HANDLE = 6;      // half the size of a corner handle, CSS pixels
const MIN_BOX = 2;     // smaller boxes (image pixels) are dropped: a click is not a box
const MAX_NAMES = 300; // above this many boxes only the selected one shows its label's name
const labels = new Map(); // label id → { name, color, text }
const keyListeners = new Map();
let s = null;          // the attached canvas's state (one labeling screen at a time)
let sequence = 0;

function isTyping(el) {
    if (!el || el === document.body) return false;
    if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
    if (el.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes((el.type || 'text').toLowerCase());
    return ['textbox', 'combobox', 'searchbox'].includes(el.getAttribute && el.getAttribute('role'));
}

const ignored = e => e.defaultPrevented || e.altKey || e.isComposing || isTyping(e.target) || !!document.querySelector('.mud-dialog-container');
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const r1 = v => Math.round(v * 10) / 10;
const round = b => ({ labelId: b.labelId, x: r1(b.x), y: r1(b.y), width: r1(b.width), height: r1(b.height) });
const label = id => labels.get(id) || { name: '?', color: '#9E9E9E', text: '#FFFFFF' };
const toImage = e => ({ x: (e.offsetX - s.ox) / s.scale, y: (e.offsetY - s.oy) / s.scale });
const inImage = p => ({ x: clamp(p.x, 0, s.w), y: clamp(p.y, 0, s.h) });
const span = (a, b, labelId) => ({ labelId, x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) });

export function attach(canvas, dotnet) {
    detach();
    s = { canvas, ctx: canvas.getContext('2d'), dotnet, url: null, image: null, w: 0, h: 0, boxes: [], selected: -1, labelId: null,
        scale: 1, fitScale: 1, ox: 0, oy: 0, zoomed: false, drag: null, space: false, frame: 0, dpr: 1, off: [] };
    const on = (target, type, fn, opts) => { target.addEventListener(type, fn, opts); s.off.push(() => target.removeEventListener(type, fn, opts)); };
    on(canvas, 'pointerdown', pointerDown);
    on(canvas, 'pointermove', pointerMove);
    on(canvas, 'pointerup', pointerUp);
    on(canvas, 'pointercancel', pointerUp);
    on(canvas, 'wheel', wheel, { passive: false });
    on(canvas, 'mousedown', e => { if (e.button === 1) e.preventDefault(); }); // no autoscroll on the middle button
    on(document, 'keydown', keyDown);
    on(document, 'keyup', e => { if (e.code === 'Space') { s.space = false; s.canvas.style.cursor = ''; } });
    const observer = new ResizeObserver(() => { resize(); invalidate(); });
    observer.observe(canvas);
    s.off.push(() => observer.disconnect());
    resize();
    publish();
}

export function detach() {
    if (!s) return;
    s.off.forEach(off => off());
    if (s.frame) cancelAnimationFrame(s.frame);
    s = null;
}

/** Shows the image at url (decoded before it replaces the last one); the view fits it until the user zooms or pans. */
export function setImage(url) {
    if (!s || url === s.url) return;
    Object.assign(s, { url, image: null, w: 0, h: 0, selected: -1, drag: null });
    s.canvas.dataset.imageLoaded = 'false';
    invalidate();
    if (!url) return;
    const img = new Image();
    img.src = url;
    img.decode().then(() => {
        if (!s || s.url !== url) return;
        Object.assign(s, { image: img, w: img.naturalWidth, h: img.naturalHeight });
        fit();
        s.canvas.dataset.imageLoaded = 'true';
    }, () => {
        if (!s || s.url !== url) return;
        s.canvas.dataset.imageLoaded = 'error';
        invalidate();
    });
}

/** Replaces the boxes ([{ labelId, x, y, width, height }]) without telling .NET, which sent them. */
export function setBoxes(boxes) {
    if (!s) return;
    const list = (boxes || []).map(round);
    // The same boxes coming back (after a save) keep the selection; another item's boxes start with none selected.
    const keep = list.length === s.boxes.length && s.selected < list.length;
    Object.assign(s, { boxes: list, selected: keep ? s.selected : -1, drag: null });
    publish();
}

/** The label new boxes get. */
export function setLabel(labelId) {
    if (s) s.labelId = labelId;
}

/** Gives the selected box another label (a number key while a box is selected); false when none is selected. */
export function relabelSelected(labelId) {
    if (!s || s.selected < 0) return false;
    if (s.boxes[s.selected].labelId !== labelId) { s.boxes[s.selected].labelId = labelId; changed(); }
    return true;
}

/** The project's labels: [{ id, name, color, text }] (text: the color of a name written on the label's color). */
export function setLabels(list) {
    labels.clear();
    (list || []).forEach(l => labels.set(l.id, l));
    invalidate();
}

/** What a test reads: the boxes, the view, and the canvas's place on the page. */
export function state() {
    if (!s) return null;
    const { left, top, width, height } = s.canvas.getBoundingClientRect();
    return { imageLoaded: !!s.image, imageWidth: s.w, imageHeight: s.h, scale: s.scale, offsetX: s.ox, offsetY: s.oy, labelId: s.labelId,
        selected: s.selected, boxes: s.boxes.map(round), rect: { left, top, width, height } };
}
window.annotationCanvasState = state;
/** The page coordinates of an image pixel, for tests that drag with the mouse. */
window.annotationCanvasPoint = (x, y) => {
    const r = s.canvas.getBoundingClientRect();
    return { x: r.left + s.ox + x * s.scale, y: r.top + s.oy + y * s.scale };
};

function publish() {
    s.canvas.dataset.boxCount = s.boxes.length;
    s.canvas.dataset.selected = s.selected;
    invalidate();
}

function changed() {
    publish();
    if (s.dotnet) s.dotnet.invokeMethodAsync('OnBoxesChanged', s.boxes.map(round)).catch(() => { });
}

function invalidate() {
    if (s && !s.frame) s.frame = requestAnimationFrame(render);
}

function resize() {
    s.dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(s.canvas.clientWidth * s.dpr)), h = Math.max(1, Math.round(s.canvas.clientHeight * s.dpr));
    if (s.canvas.width !== w || s.canvas.height !== h) Object.assign(s.canvas, { width: w, height: h });
    if (!s.zoomed) fit();
}

function fit() {
    if (!s.image) return;
    const cw = s.canvas.clientWidth, ch = s.canvas.clientHeight;
    s.scale = s.fitScale = Math.min(cw / s.w, ch / s.h) || 1;
    Object.assign(s, { ox: (cw - s.w * s.scale) / 2, oy: (ch - s.h * s.scale) / 2, zoomed: false });
    invalidate();
}

function zoomAt(px, py, factor) {
    const scale = clamp(s.scale * factor, s.fitScale / 4, Math.max(32, s.fitScale * 8));
    Object.assign(s, { ox: px - (px - s.ox) * scale / s.scale, oy: py - (py - s.oy) * scale / s.scale, scale, zoomed: true });
    invalidate();
}

function render() {
    s.frame = 0;
    const { ctx, canvas, dpr, scale, ox, oy } = s, k = scale * dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!s.image) {
        if (canvas.dataset.imageLoaded !== 'error') return;
        Object.assign(ctx, { fillStyle: getComputedStyle(canvas).color, font: '14px system-ui, sans-serif', textAlign: 'center' });
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        return ctx.fillText('The image could not be loaded.', canvas.width / dpr / 2, canvas.height / dpr / 2);
    }
    ctx.setTransform(k, 0, 0, k, ox * dpr, oy * dpr);
    ctx.imageSmoothingEnabled = scale < 3; // zoomed far in, show the pixels
    ctx.drawImage(s.image, 0, 0);
    // Boxes are drawn in screen pixels (whole ones, so lines stay crisp), only those in view, grouped by label so the
    // color is set once per label. One strokeRect per box is much faster than one big path: stroking a path of
    // thousands of rectangles costs ten times more in Chromium's rasterizer.
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const w = canvas.width / dpr, h = canvas.height / dpr, groups = new Map(), visible = [];
    s.boxes.forEach((b, i) => {
        const x = ox + b.x * scale, y = oy + b.y * scale;
        if (i === s.selected || x > w || y > h || x + b.width * scale < 0 || y + b.height * scale < 0) return;
        (groups.get(b.labelId) || groups.set(b.labelId, []).get(b.labelId)).push(b);
        visible.push(b);
    });
    const box = b => [Math.round(ox + b.x * scale), Math.round(oy + b.y * scale), Math.round(b.width * scale), Math.round(b.height * scale)];
    ctx.lineWidth = 2;
    for (const [id, list] of groups) {
        ctx.strokeStyle = label(id).color;
        for (const b of list) ctx.strokeRect(...box(b));
    }
    const draft = s.drag && s.drag.mode === 'draw' ? s.drag.box : null, sel = s.boxes[s.selected];
    if (draft) {
        ctx.setLineDash([6, 4]);
        ctx.strokeStyle = label(draft.labelId).color;
        ctx.strokeRect(...box(draft));
        ctx.setLineDash([]);
    }
    if (sel) {
        Object.assign(ctx, { fillStyle: label(sel.labelId).color, strokeStyle: label(sel.labelId).color, globalAlpha: 0.2, lineWidth: 3 });
        ctx.fillRect(...box(sel));
        ctx.globalAlpha = 1;
        ctx.strokeRect(...box(sel));
    }
    Object.assign(ctx, { font: '600 12px system-ui, sans-serif', textAlign: 'left' });
    for (const b of (s.boxes.length <= MAX_NAMES ? visible : []).concat(sel ? [sel] : [])) {
        const l = label(b.labelId), [x, y] = box(b), top = y > 16 ? y - 16 : y;
        ctx.fillStyle = l.color;
        ctx.fillRect(x, top, ctx.measureText(l.name).width + 8, 16);
        ctx.fillStyle = l.text || '#FFFFFF';
        ctx.fillText(l.name, x + 4, top + 12);
    }
    Object.assign(ctx, { fillStyle: '#FFFFFF', lineWidth: 2 });
    if (sel) corners(sel).forEach(([x, y]) => { ctx.fillRect(x - HANDLE, y - HANDLE, HANDLE * 2, HANDLE * 2); ctx.strokeRect(x - HANDLE, y - HANDLE, HANDLE * 2, HANDLE * 2); });
}

/** A box's corners in screen pixels: top-left, top-right, bottom-right, bottom-left. */
function corners(b) {
    const x0 = s.ox + b.x * s.scale, y0 = s.oy + b.y * s.scale, x1 = x0 + b.width * s.scale, y1 = y0 + b.height * s.scale;
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
}

/** The selected box's corner handle under the pointer, or -1. */
function hitCorner(e) {
    const b = s.boxes[s.selected];
    return b ? corners(b).findIndex(([x, y]) => Math.abs(e.offsetX - x) <= HANDLE + 2 && Math.abs(e.offsetY - y) <= HANDLE + 2) : -1;
}

/** The smallest box under the point (so nested objects stay reachable), or -1. */
function hitBox(p) {
    let best = -1, area = Infinity;
    s.boxes.forEach((b, i) => {
        if (p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height && b.width * b.height < area) { best = i; area = b.width * b.height; }
    });
    return best;
}

function pointerDown(e) {
    if (!s.image) return;
    if (e.button === 1 || (e.button === 0 && s.space)) {
        s.drag = { mode: 'pan', x: e.clientX, y: e.clientY, ox: s.ox, oy: s.oy };
    } else if (e.button === 0) {
        const p = toImage(e), corner = e.shiftKey ? -1 : hitCorner(e), hit = e.shiftKey || corner >= 0 ? -1 : hitBox(p);
        if (corner >= 0) {
            const b = s.boxes[s.selected], [ax, ay] = corners(b)[(corner + 2) % 4]; // the opposite corner stays
            s.drag = { mode: 'resize', orig: { ...b }, anchor: toImage({ offsetX: ax, offsetY: ay }) };
        } else if (hit >= 0) {
            s.selected = hit;
            s.drag = { mode: 'move', start: p, orig: { ...s.boxes[hit] } };
        } else {
            s.selected = -1;
            const start = inImage(p);
            if (s.labelId != null) s.drag = { mode: 'draw', start, box: span(start, start, s.labelId) };
        }
    }
    if (s.drag) {
        try { s.canvas.setPointerCapture(e.pointerId); } catch { /* the pointer is already gone */ }
        e.preventDefault();
    }
    publish();
}

function pointerMove(e) {
    const d = s.drag;
    if (!d) return hover(e);
    if (d.mode === 'pan') Object.assign(s, { ox: d.ox + e.clientX - d.x, oy: d.oy + e.clientY - d.y, zoomed: true });
    else if (d.mode === 'draw') d.box = span(d.start, inImage(toImage(e)), d.box.labelId);
    else if (d.mode === 'move') {
        const p = toImage(e), b = s.boxes[s.selected];
        b.x = clamp(d.orig.x + p.x - d.start.x, 0, s.w - b.width);
        b.y = clamp(d.orig.y + p.y - d.start.y, 0, s.h - b.height);
        d.moved = b.x !== d.orig.x || b.y !== d.orig.y;
    } else {
        Object.assign(s.boxes[s.selected], span(d.anchor, inImage(toImage(e)), d.orig.labelId));
        d.moved = true;
    }
    invalidate();
}

function pointerUp() {
    const d = s.drag;
    s.drag = null;
    if (d && d.mode === 'draw' && d.box.width >= MIN_BOX && d.box.height >= MIN_BOX) {
        s.boxes.push(d.box);
        s.selected = s.boxes.length - 1; // a new box is selected, ready to resize, relabel or delete
        changed();
    } else if (d && d.mode === 'resize' && d.moved) {
        const b = s.boxes[s.selected];
        if (b.width < MIN_BOX || b.height < MIN_BOX) Object.assign(b, d.orig);
        changed();
    } else if (d && d.mode === 'move' && d.moved) changed();
    else invalidate();
}

function hover(e) {
    if (!s.image) return;
    const corner = hitCorner(e);
    s.canvas.style.cursor = s.space ? 'grab' : corner === 0 || corner === 2 ? 'nwse-resize' : corner > 0 ? 'nesw-resize'
        : hitBox(toImage(e)) >= 0 ? 'move' : 'crosshair';
}

function wheel(e) {
    if (!s.image) return;
    e.preventDefault();
    zoomAt(e.offsetX, e.offsetY, Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)));
}

function keyDown(e) {
    if (ignored(e) || e.ctrlKey || e.metaKey) return;
    if (e.code === 'Space') {
        e.preventDefault(); // no page scroll, no button press: Space held pans
        s.space = true;
        s.canvas.style.cursor = 'grab';
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && s.selected >= 0) {
        e.preventDefault();
        s.boxes.splice(s.selected, 1);
        s.selected = -1;
        changed();
    } else if (e.key === 'Escape' && (s.selected >= 0 || s.drag)) {
        Object.assign(s, { selected: -1, drag: null });
        publish();
    } else if (e.key === 'f' || e.key === 'F') fit();
}

/**
 * Calls dotnet.OnKey(command) for the labeling screen's keys unless the user is typing or a dialog is open: "0"–"9",
 * "Enter", "ArrowRight", "ArrowLeft", "?", "c", "n", "undo" (Ctrl/⌘+Z) and "redo" (Ctrl/⌘+Shift+Z, Ctrl+Y). Returns an id.
 */
export function listenKeys(dotnet) {
    const handler = e => {
        if (ignored(e)) return;
        const key = e.key, command = e.ctrlKey || e.metaKey
            ? (key === 'z' || key === 'Z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' ? 'redo' : null)
            : /^[0-9]$/.test(key) || ['Enter', 'ArrowRight', 'ArrowLeft', '?', 'c', 'n'].includes(key) ? key : null;
        if (!command) return;
        e.preventDefault();
        dotnet.invokeMethodAsync('OnKey', command).catch(() => { });
    };
    document.addEventListener('keydown', handler);
    keyListeners.set(++sequence, handler);
    return sequence;
}

export function unlistenKeys(id) {
    document.removeEventListener('keydown', keyListeners.get(id));
    keyListeners.delete(id);
}

/**
 * Adds boxCount random boxes, times one full render and 60 programmatic pan/zoom frames (each flushed by reading a pixel,
 * so the drawing is counted, not only queued), then puts everything back. Without a labeling screen it draws on its own
 * 1280×800 canvas over a generated 1920×1080 image. Returns { boxCount, renderMs, frameMsAvg, frameMsP95 }.
 */
export async function benchmark(boxCount = 5000) {
    const own = s ? null : document.body.appendChild(document.createElement('canvas'));
    if (own) {
        own.style.cssText = 'position:fixed;left:0;top:0;width:1280px;height:800px;opacity:0;pointer-events:none';
        attach(own, null);
        const image = Object.assign(document.createElement('canvas'), { width: 1920, height: 1080 }), g = image.getContext('2d');
        g.fillStyle = '#667788';
        g.fillRect(0, 0, 1920, 1080);
        Object.assign(s, { image, w: 1920, h: 1080 });
        fit();
    }
    for (let i = 0; i < 100 && !s.image; i++) await new Promise(r => setTimeout(r, 50));
    if (!s.image) throw new Error('The image did not load.');
    const saved = { boxes: s.boxes, selected: s.selected, scale: s.scale, ox: s.ox, oy: s.oy, zoomed: s.zoomed };
    const invented = labels.size === 0; // colors for a screen without labels, forgotten afterwards
    if (invented) [0, 1, 2, 3, 4, 5, 6, 7].forEach(id => labels.set(id, { name: 'class ' + id, color: `hsl(${id * 45}, 70%, 45%)` }));
    const ids = [...labels.keys()];
    s.boxes = Array.from({ length: boxCount }, (_, i) => {
        const width = s.w * (0.01 + Math.random() * 0.08), height = s.h * (0.01 + Math.random() * 0.08);
        return { labelId: ids[i % ids.length], x: Math.random() * (s.w - width), y: Math.random() * (s.h - height), width, height };
    });
    s.selected = -1;
    const timed = () => { const t = performance.now(); render(); s.ctx.getImageData(0, 0, 1, 1); return performance.now() - t; };
    const renderMs = timed(), frames = [], cx = s.canvas.clientWidth / 2, cy = s.canvas.clientHeight / 2;
    for (let i = 0; i < 60; i++) {
        await new Promise(r => { requestAnimationFrame(r); setTimeout(r, 50); }); // rAF stops in hidden tabs
        if (i % 2 === 0) Object.assign(s, { ox: s.ox + 9, oy: s.oy - 5 });
        else zoomAt(cx, cy, i % 4 === 1 ? 1.06 : 1 / 1.06);
        if (s.frame) { cancelAnimationFrame(s.frame); s.frame = 0; }
        frames.push(timed());
    }
    if (invented) labels.clear();
    if (own) { detach(); own.remove(); } else { Object.assign(s, saved); publish(); }
    const sorted = [...frames].sort((a, b) => a - b);
    return { boxCount, renderMs, frameMsAvg: frames.reduce((a, b) => a + b, 0) / frames.length, frameMsP95: sorted[Math.ceil(sorted.length * 0.95) - 1] };
}
