// Resumable chunked uploads from the browser. .NET creates and completes the upload (PlatformClient); this file only
// reads the picked files: it computes a file's SHA-256 in one streaming pass (hash(), so the upload can declare it and
// the server can verify it), then PUTs the file in pieces, re-reading the server's offset after any failure so a
// network cut or a server restart resumes where it stopped. Progress goes back to .NET as bytes the server has confirmed.
window.platformUpload = (() => {
    const files = new Map();     // token -> File, until released
    const running = new Map();   // token -> AbortController
    const attached = new WeakMap(); // drop zone -> its listeners
    const fatalStatuses = new Set([400, 401, 403, 404, 410, 413]);
    const maxDelaySeconds = 30;
    const hashReadBytes = 8 * 1024 * 1024; // read in pieces: a file of many GB is never held in memory
    let sequence = 0;

    class FatalError extends Error { }

    function describe(file) {
        const token = 'u' + (++sequence);
        files.set(token, file);
        return { token, name: file.name, size: file.size, lastModified: file.lastModified };
    }

    function deliver(list, dotnet) {
        const picked = Array.from(list || []).map(describe);
        if (picked.length > 0) dotnet.invokeMethodAsync('OnFilesPicked', picked);
    }

    /** Wires a file input and a drop zone to .NET's OnFilesPicked([{ token, name, size, lastModified }]). */
    function attach(input, zone, dotnet) {
        detach(zone);
        const onChange = () => { deliver(input.files, dotnet); input.value = ''; };
        const onDragOver = e => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; zone.classList.add('drag-over'); };
        const onDragLeave = e => { if (!zone.contains(e.relatedTarget)) zone.classList.remove('drag-over'); };
        const onDrop = e => {
            e.preventDefault();
            zone.classList.remove('drag-over');
            if (input.disabled) return;
            deliver(e.dataTransfer && e.dataTransfer.files, dotnet);
        };
        input.addEventListener('change', onChange);
        zone.addEventListener('dragover', onDragOver);
        zone.addEventListener('dragleave', onDragLeave);
        zone.addEventListener('drop', onDrop);
        attached.set(zone, () => {
            input.removeEventListener('change', onChange);
            zone.removeEventListener('dragover', onDragOver);
            zone.removeEventListener('dragleave', onDragLeave);
            zone.removeEventListener('drop', onDrop);
        });
    }

    function detach(zone) {
        const off = zone && attached.get(zone);
        if (off) { off(); attached.delete(zone); }
    }

    function sleep(ms, signal) {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(resolve, ms);
            signal.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('Cancelled', 'AbortError')); }, { once: true });
        });
    }

    async function problemMessage(response) {
        try {
            const problem = await response.json();
            return { text: problem.detail || problem.title || `The server answered ${response.status}.`, problem };
        } catch {
            return { text: `The server answered ${response.status}.`, problem: null };
        }
    }

    /**
     * PUT with XMLHttpRequest, because fetch cannot report upload progress: onSent(bytes) fires while the chunk is
     * on its way (at most every 200 ms). Resolves to a fetch-like { ok, status, json() }; rejects a TypeError when the
     * connection fails and an AbortError when cancelled, like fetch.
     */
    function putChunk(url, body, signal, onSent) {
        return new Promise((resolve, reject) => {
            const xhr = new XMLHttpRequest();
            let last = 0;
            xhr.open('PUT', url);
            xhr.withCredentials = true;
            xhr.setRequestHeader('X-Platform-Csrf', '1');
            xhr.setRequestHeader('Content-Type', 'application/octet-stream');
            xhr.upload.onprogress = e => {
                const now = Date.now();
                if (now - last < 200) return;
                last = now;
                onSent(e.loaded);
            };
            xhr.onload = () => resolve({
                ok: xhr.status >= 200 && xhr.status < 300,
                status: xhr.status,
                json: async () => JSON.parse(xhr.responseText),
            });
            xhr.onerror = () => reject(new TypeError('The connection was lost.'));
            xhr.onabort = () => reject(new DOMException('Cancelled', 'AbortError'));
            signal.addEventListener('abort', () => xhr.abort(), { once: true });
            xhr.send(body);
        });
    }

    async function readStatus(url, signal) {
        const response = await fetch(url, { method: 'GET', credentials: 'same-origin', signal, headers: { 'X-Platform-Csrf': '1' } });
        if (response.ok) return await response.json();
        const { text } = await problemMessage(response);
        if (fatalStatuses.has(response.status)) throw new FatalError(text);
        throw new Error(text);
    }

    function report(dotnet, method, ...args) {
        dotnet.invokeMethodAsync(method, ...args).catch(() => { /* the page went away */ });
    }

    async function run(token, o, dotnet, controller) {
        const file = files.get(token);
        const signal = controller.signal;
        let offset = o.offset;
        let failures = 0;       // consecutive failures: decides the back-off
        let conflicts = 0;      // consecutive offset corrections from the server
        let resync = false;     // the server's offset must be read before the next chunk
        let lastError = '';
        try {
            if (!file) throw new FatalError('The file is no longer available; pick it again.');
            while (offset < o.size) {
                if (failures > 0) {
                    const delay = Math.min(maxDelaySeconds, 2 ** (failures - 1));
                    report(dotnet, 'OnRetrying', token, lastError, delay);
                    await sleep(delay * 1000, signal);
                    resync = true;
                }
                if (resync) {
                    try {
                        const status = await readStatus(o.statusUrl, signal);
                        resync = false;
                        if (status.state === 'Complete') { offset = o.size; break; }
                        offset = status.receivedBytes;
                        report(dotnet, 'OnProgress', token, offset);
                        if (offset >= o.size) break;
                    } catch (e) {
                        if (signal.aborted || e instanceof FatalError) throw e;
                        lastError = e instanceof TypeError ? 'The server cannot be reached.' : e.message;
                        failures++;
                        continue;
                    }
                }
                const end = Math.min(offset + o.chunkBytes, o.size);
                let response;
                try {
                    const start = offset;
                    response = await putChunk(o.chunkUrl.replace('{offset}', String(offset)), file.slice(offset, end), signal,
                        sent => report(dotnet, 'OnProgress', token, start + sent));
                } catch (e) {
                    if (signal.aborted) throw e;
                    lastError = 'The connection was lost.';
                    failures++;
                    continue;
                }
                if (response.ok) {
                    let upload;
                    try { upload = await response.json(); } catch (e) {
                        if (signal.aborted) throw e;
                        lastError = 'The server sent an unreadable answer.';
                        resync = true;
                        failures++;
                        continue;
                    }
                    offset = upload.receivedBytes;
                    failures = 0;
                    conflicts = 0;
                    report(dotnet, 'OnProgress', token, offset);
                    if (upload.state === 'Complete') break;
                    continue;
                }
                const { text, problem } = await problemMessage(response);
                if (response.status === 409) {
                    // The server holds a different offset (a chunk landed but its answer was lost, or it restarted):
                    // continue from its offset at once, but back off if that keeps happening.
                    lastError = text;
                    if (problem && typeof problem.expectedOffset === 'number' && conflicts < 3) {
                        conflicts++;
                        offset = problem.expectedOffset;
                        report(dotnet, 'OnProgress', token, offset);
                    } else {
                        resync = true;
                        failures++;
                    }
                    continue;
                }
                if (fatalStatuses.has(response.status)) throw new FatalError(text);
                lastError = text;
                failures++;
            }
            report(dotnet, 'OnSent', token);
        } catch (e) {
            if (signal.aborted) return;
            report(dotnet, 'OnFailed', token, e && e.message ? e.message : String(e));
        } finally {
            if (running.get(token) === controller) running.delete(token);
        }
    }

    /**
     * The SHA-256 (lowercase hex) of the file behind token, read in 8 MiB pieces (the next piece is read while the
     * current one is hashed) with hash-wasm's incremental SHA-256. Calls OnHashProgress(token, bytesHashed) at most
     * every 200 ms. Resolves to null when cancel(token) or release(token) stops it; rejects when the file cannot be read.
     */
    async function hash(token, dotnet) {
        const file = files.get(token);
        if (!file) throw new Error('The file is no longer available; pick it again.');
        cancel(token);
        const controller = new AbortController();
        running.set(token, controller);
        try {
            const hasher = await window.hashwasm.createSHA256();
            hasher.init();
            const read = position => file.slice(position, Math.min(position + hashReadBytes, file.size)).arrayBuffer();
            let position = 0;
            let last = 0;
            let next = file.size > 0 ? read(0) : null;
            while (next) {
                const piece = await next;
                if (controller.signal.aborted) return null;
                position += piece.byteLength;
                if (piece.byteLength === 0 && position < file.size) throw new Error('The file could not be read to its end.');
                next = position < file.size ? read(position) : null;
                hasher.update(new Uint8Array(piece));
                const now = Date.now();
                if (now - last >= 200) { last = now; report(dotnet, 'OnHashProgress', token, position); }
            }
            return controller.signal.aborted ? null : hasher.digest('hex');
        } catch (e) {
            if (controller.signal.aborted) return null;
            // Chromium refuses to read a file that changed on disk after it was picked.
            throw new Error(e && e.name === 'NotReadableError'
                ? 'The file could not be read; it may have changed since it was picked. Pick it again.'
                : (e && e.message ? e.message : String(e)));
        } finally {
            if (running.get(token) === controller) running.delete(token);
        }
    }

    /**
     * Sends the file behind token from options.offset: { chunkUrl (with "{offset}"), statusUrl, offset, size, chunkBytes }.
     * Calls OnProgress(token, confirmedBytes), OnRetrying(token, message, seconds), then OnSent(token) or OnFailed(token, message).
     * Returns at once; the upload runs until it ends or cancel(token).
     */
    function start(token, options, dotnet) {
        cancel(token);
        const controller = new AbortController();
        running.set(token, controller);
        run(token, options, dotnet, controller);
    }

    /** Stops hashing or sending; the server keeps what it has, so a later start resumes. */
    function cancel(token) {
        const controller = running.get(token);
        if (controller) { running.delete(token); controller.abort(); }
    }

    /** Forgets the file (after it was sent, or when the user removes it). */
    function release(token) {
        cancel(token);
        files.delete(token);
    }

    return { attach, detach, hash, start, cancel, release };
})();
