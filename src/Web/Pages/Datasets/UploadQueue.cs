using System.Globalization;
using System.Net;
using Microsoft.JSInterop;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>
/// Files picked for import, uploaded one at a time. upload.js first reads a new file once for its SHA-256, which the
/// upload declares so the server verifies what it stored; then C# creates (or resumes) and completes each upload, and
/// upload.js sends the bytes and calls back here. An unfinished upload's id and SHA-256 are remembered
/// (<see cref="RememberedUploads"/>), so picking the same file again, even after the browser was closed, resumes it
/// without reading it for its hash again.
/// </summary>
public sealed partial class UploadQueue(PlatformClient api, IJSRuntime js, LocalStore store, Guid workspaceId) : IAsyncDisposable
{
    private const long OffsetMarker = 987_654_321_987_654_321;
    public const string DamagedMessage =
        "The file was damaged on the way: what the server received does not match the file's SHA-256, so the server removed it. Retry to upload it again.";
    private readonly List<UploadEntry> _entries = [];
    private readonly RememberedUploads _remembered = new(store, workspaceId);
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
    public void OnHashProgress(string token, long hashed)
    {
        if (Find(token) is not { Status: UploadStatus.Hashing } entry) return;
        entry.Hashed = hashed;
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
        await _remembered.ForgetAsync(entry.File);
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
            await _remembered.ForgetAsync(entry.File);
        }
        Notify();
    }

    private UploadEntry? Find(string token) => _disposed ? null : _entries.FirstOrDefault(e => e.Token == token);

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
