// Small browser helpers for the portal: keyboard shortcuts, element width, focus.
window.platformPortal = (() => {
    const listeners = new Map();
    const observers = new Map();
    let sequence = 0;

    function isTyping(el) {
        if (!el || el === document.body) return false;
        if (el.isContentEditable) return true;
        const tag = el.tagName;
        if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
        if (tag === 'INPUT') {
            const type = (el.type || 'text').toLowerCase();
            return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
        }
        const role = el.getAttribute && el.getAttribute('role');
        return role === 'textbox' || role === 'combobox' || role === 'searchbox';
    }

    /**
     * Calls dotnet.OnShortcut(key) for the given keys, unless the user is typing or holds Ctrl/Alt/Meta.
     * options.ignoreInDialog: not while a dialog is open. Returns an id for unlisten.
     */
    function listenKeys(dotnet, keys, options) {
        const opts = options || {};
        const handler = e => {
            if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
            if (!keys.includes(e.key) || isTyping(e.target)) return;
            if (opts.ignoreInDialog && document.querySelector('.mud-dialog-container')) return;
            e.preventDefault();
            dotnet.invokeMethodAsync('OnShortcut', e.key).catch(() => { });
        };
        document.addEventListener('keydown', handler);
        const id = ++sequence;
        listeners.set(id, handler);
        return id;
    }

    function unlisten(id) {
        const handler = listeners.get(id);
        if (handler) { document.removeEventListener('keydown', handler); listeners.delete(id); }
    }

    /** Calls dotnet.OnWidthChanged(px) now and whenever the element's width changes. Returns an id for unobserve. */
    function observeWidth(element, dotnet) {
        let last = -1;
        const send = width => {
            const rounded = Math.round(width);
            if (rounded === last) return;
            last = rounded;
            dotnet.invokeMethodAsync('OnWidthChanged', rounded).catch(() => { });
        };
        const observer = new ResizeObserver(entries => send(entries[0].contentRect.width));
        observer.observe(element);
        send(element.getBoundingClientRect().width);
        const id = ++sequence;
        observers.set(id, observer);
        return id;
    }

    function unobserve(id) {
        const observer = observers.get(id);
        if (observer) { observer.disconnect(); observers.delete(id); }
    }

    /** Focuses the first element matching selector, waiting a few frames for it to render. */
    function focus(selector) {
        let tries = 0;
        const attempt = () => {
            const el = document.querySelector(selector);
            if (el) { el.focus(); el.scrollIntoView({ block: 'nearest' }); return; }
            if (++tries < 30) requestAnimationFrame(attempt);
        };
        attempt();
    }

    const gridKeys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

    /**
     * Arrow keys, Home/End and PageUp/PageDown move focus between the [data-index] cells of a virtualized grid
     * (container.dataset.columns per row, container.dataset.total in all). A cell in the DOM is focused at once;
     * otherwise dotnet.ShowIndex(index) loads and scrolls to it. Space on a cell does not scroll (it opens the cell).
     */
    function listenGrid(container, dotnet) {
        const handler = e => {
            const cell = e.target.closest && e.target.closest('[data-index]');
            if (!cell || !container.contains(cell) || e.ctrlKey || e.altKey || e.metaKey) return;
            if (e.key === ' ') { e.preventDefault(); return; }
            if (!gridKeys.includes(e.key)) return;
            e.preventDefault();
            const index = Number(cell.dataset.index);
            const columns = Number(container.dataset.columns) || 1;
            const total = Number(container.dataset.total) || index + 1;
            const page = columns * Math.max(1, Math.floor(container.clientHeight / Math.max(1, cell.offsetHeight)));
            const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns, PageUp: -page, PageDown: page };
            let target = e.key === 'Home' ? 0 : e.key === 'End' ? total - 1 : index + moves[e.key];
            if (e.key === 'ArrowUp' || e.key === 'ArrowDown') { if (target < 0 || target >= total) return; }
            target = Math.max(0, Math.min(total - 1, target));
            if (target === index) return;
            const next = container.querySelector(`[data-index="${target}"]`);
            if (next) { next.focus({ preventScroll: true }); next.scrollIntoView({ block: 'nearest' }); }
            else dotnet.invokeMethodAsync('ShowIndex', target).catch(() => { });
        };
        container.addEventListener('keydown', handler);
        const id = ++sequence;
        listeners.set(id, { container, handler });
        return id;
    }

    function unlistenGrid(id) {
        const entry = listeners.get(id);
        if (entry) { entry.container.removeEventListener('keydown', entry.handler); listeners.delete(id); }
    }

    /**
     * Scrolls a virtualized list so that row sits at the top (rows measured from one rendered row, which is what
     * Virtualize's spacers use), then focuses the [data-index] cell once it has rendered.
     */
    function showIndex(container, rowSelector, row, index) {
        const sample = container.querySelector(rowSelector);
        if (sample) container.scrollTop = row * sample.getBoundingClientRect().height;
        let tries = 0;
        const attempt = () => {
            const cell = container.querySelector(`[data-index="${index}"]`);
            if (cell) { cell.focus({ preventScroll: true }); cell.scrollIntoView({ block: 'nearest' }); return; }
            if (++tries < 240) requestAnimationFrame(attempt);
        };
        requestAnimationFrame(attempt);
    }

    return { listenKeys, unlisten, observeWidth, unobserve, focus, listenGrid, unlistenGrid, showIndex };
})();
