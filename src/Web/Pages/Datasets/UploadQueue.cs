using System.Globalization;
using System.Net;
using Microsoft.JSInterop;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>
/// Files picked for import, uploaded one at a time. C# creates (or resumes) and completes each upload; upload.js sends
/// the bytes and calls back here. An unfinished upload's id is remembered in localStorage under the file's name, size
/// and modification time, so picking the same file again, even after the browser was closed, resumes it.
/// </summary>
public sealed class UploadQueue(PlatformClient api, IJSRuntime js, LocalStore store, Guid workspaceId) : IAsyncDisposable
{
    private const string KeyPrefix = "platform.upload.";
    private const long OffsetMarker = 987_654_321_987_654_321;
    private readonly List<UploadEntry> _entries = [];
    private DotNetObjectReference<UploadQueue>? _reference;
    private bool _pumping;
    private bool _disposed;

    public event Action? Changed;

    public IReadOnlyList<UploadEntry> Entries => _entries;
    public bool IsBusy => _entries.Any(e => e.IsActive || e.Status == UploadStatus.Waiting);
    public IReadOnlyList<Guid> CompletedUploadIds =>
        [.. _entries.Where(e => e.Status == UploadStatus.Done && e.UploadId is not null).Select(e => e.UploadId!.Value)];

    /// <summary>What upload.js calls back.</summary>
    public DotNetObjectReference<UploadQueue> Reference => _reference ??= DotNetObjectReference.Create(this);

    [JSInvokable]
    public async Task OnFilesPicked(PickedFile[] files)
    {
        if (_disposed) return;
        foreach (var file in files)
        {
            var same = _entries.FirstOrDefault(e => e.Name == file.Name && e.Size == file.Size && e.File.LastModified == file.LastModified);
            if (same is not null && same.Status != UploadStatus.Failed)
            {
                await ReleaseAsync(file.Token); // Already in the list.
                continue;
            }
            if (same is not null)
            {
                await ReleaseAsync(same.Token);
                _entries.Remove(same);
            }
            _entries.Add(new UploadEntry(file));
        }
        Notify();
        await PumpAsync();
    }

    [JSInvokable]
    public void OnProgress(string token, long confirmed)
    {
        if (Find(token) is not { } entry) return;
        entry.Confirm(confirmed);
        entry.Status = UploadStatus.Uploading;
        entry.Message = null;
        Notify();
    }

    [JSInvokable]
    public void OnRetrying(string token, string message, int seconds)
    {
        if (Find(token) is not { } entry) return;
        entry.Status = UploadStatus.Retrying;
        entry.Message = $"{message} Trying again in {seconds.ToString(CultureInfo.InvariantCulture)} s…";
        Notify();
    }

    [JSInvokable]
    public async Task OnSent(string token)
    {
        if (Find(token) is not { } entry) return;
        await CompleteAsync(entry, resumeIfShort: true);
        await PumpAsync();
    }

    [JSInvokable]
    public async Task OnFailed(string token, string message)
    {
        if (Find(token) is not { } entry) return;
        entry.Status = UploadStatus.Failed;
        entry.Message = message;
        Notify();
        await PumpAsync();
    }

    /// <summary>Tries a failed file again, from where the server stopped.</summary>
    public async Task RetryAsync(UploadEntry entry)
    {
        if (entry.Status != UploadStatus.Failed) return;
        entry.Status = UploadStatus.Waiting;
        entry.Message = null;
        Notify();
        await PumpAsync();
    }

    /// <summary>Stops the file's upload and discards what the server received.</summary>
    public async Task CancelAsync(UploadEntry entry)
    {
        _entries.Remove(entry);
        Notify();
        await DiscardAsync(entry);
        await PumpAsync();
    }

    private async Task DiscardAsync(UploadEntry entry)
    {
        await ReleaseAsync(entry.Token);
        await store.SetAsync(StoreKey(entry.File), null);
        if (entry.UploadId is { } id)
        {
            try { await api.DeleteUploadAsync(workspaceId, id); }
            catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound) { }
        }
    }

    public async Task CancelAllAsync()
    {
        foreach (var entry in _entries.ToList()) await CancelAsync(entry);
    }

    /// <summary>The import took these uploads: forget them here and in localStorage.</summary>
    public async Task ForgetAsync(IReadOnlyCollection<Guid> uploadIds)
    {
        foreach (var entry in _entries.Where(e => e.UploadId is { } id && uploadIds.Contains(id)).ToList())
        {
            _entries.Remove(entry);
            await ReleaseAsync(entry.Token);
            await store.SetAsync(StoreKey(entry.File), null);
        }
        Notify();
    }

    private async Task PumpAsync()
    {
        if (_pumping) return;
        _pumping = true;
        try
        {
            while (!_disposed && !_entries.Any(e => e.IsActive) && _entries.FirstOrDefault(e => e.Status == UploadStatus.Waiting) is { } next)
                await BeginAsync(next);
        }
        finally
        {
            _pumping = false;
        }
    }

    private async Task BeginAsync(UploadEntry entry)
    {
        entry.Status = UploadStatus.Preparing;
        entry.Message = null;
        Notify();
        try
        {
            var upload = await CreateOrResumeAsync(entry);
            entry.UploadId = upload.Id;
            if (!_entries.Contains(entry) || _disposed)
            {
                // Cancelled while the upload was being created: discard it.
                if (!_disposed) await DiscardAsync(entry);
                return;
            }
            entry.Begin(upload.ReceivedBytes);
            if (upload.State == UploadState.Complete)
            {
                entry.MarkDone();
                await ReleaseAsync(entry.Token);
            }
            else if (upload.ReceivedBytes >= upload.Size)
            {
                await CompleteAsync(entry, resumeIfShort: false);
            }
            else
            {
                entry.Status = UploadStatus.Uploading;
                var chunkUrl = PlatformClient.UploadChunkUrl(workspaceId, upload.Id, OffsetMarker)
                    .Replace(OffsetMarker.ToString(CultureInfo.InvariantCulture), "{offset}", StringComparison.Ordinal);
                await js.InvokeVoidAsync("platformUpload.start", entry.Token, new
                {
                    chunkUrl,
                    statusUrl = $"api/workspaces/{workspaceId}/uploads/{upload.Id}",
                    offset = upload.ReceivedBytes,
                    size = upload.Size,
                    chunkBytes = Math.Min(PlatformClient.DefaultChunkBytes, upload.MaxChunkBytes),
                }, Reference);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            entry.Status = UploadStatus.Failed;
            entry.Message = Feedback.MessageFor(ex);
        }
        Notify();
    }

    private async Task<UploadDto> CreateOrResumeAsync(UploadEntry entry)
    {
        var key = StoreKey(entry.File);
        if (Guid.TryParse(await store.GetAsync(key), out var saved))
        {
            try
            {
                var existing = await api.GetUploadAsync(workspaceId, saved);
                if (existing.Size == entry.Size) return existing;
            }
            catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound) { }
        }
        var created = await api.CreateUploadAsync(workspaceId, new CreateUploadRequest(entry.Name, entry.Size));
        await store.SetAsync(key, created.Id.ToString());
        return created;
    }

    private async Task CompleteAsync(UploadEntry entry, bool resumeIfShort)
    {
        if (entry.UploadId is not { } id) return;
        entry.Status = UploadStatus.Completing;
        Notify();
        try
        {
            await api.CompleteUploadAsync(workspaceId, id);
            entry.MarkDone();
            await ReleaseAsync(entry.Token);
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.Conflict && resumeIfShort)
        {
            entry.Status = UploadStatus.Waiting; // The server is missing bytes: resume from its offset.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            entry.Status = UploadStatus.Failed;
            entry.Message = Feedback.MessageFor(ex);
        }
        Notify();
    }

    private UploadEntry? Find(string token) => _disposed ? null : _entries.FirstOrDefault(e => e.Token == token);

    private string StoreKey(PickedFile file) =>
        $"{KeyPrefix}{workspaceId}.{file.Size.ToString(CultureInfo.InvariantCulture)}.{file.LastModified.ToString(CultureInfo.InvariantCulture)}.{file.Name}";

    private async Task ReleaseAsync(string token)
    {
        try { await js.InvokeVoidAsync("platformUpload.release", token); }
        catch (JSException) { }
    }

    private void Notify() => Changed?.Invoke();

    /// <summary>Stops sending (the page went away); the server keeps the bytes, and picking the file again resumes.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var entry in _entries.Where(e => e.IsActive))
        {
            try { await js.InvokeVoidAsync("platformUpload.cancel", entry.Token); }
            catch (JSException) { }
        }
        _reference?.Dispose();
    }
}
