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

    return { listenKeys, unlisten, observeWidth, unobserve, focus };
})();
