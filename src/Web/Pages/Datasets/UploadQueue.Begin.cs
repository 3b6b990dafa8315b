using System.Globalization;
using System.Net;
using Microsoft.JSInterop;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Starting and finishing one upload: hash a new file, create or resume its upload, send it, complete it.</summary>
public sealed partial class UploadQueue
{
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
            if (upload is null) return; // Cancelled while the file was read for its hash.
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

    /// <summary>The remembered upload of this file, or a new one declaring its SHA-256; null when cancelled meanwhile.</summary>
    private async Task<UploadDto?> CreateOrResumeAsync(UploadEntry entry)
    {
        if (await _remembered.GetAsync(entry.File) is { } saved)
        {
            if (await ResumableAsync(entry, saved) is { } existing)
            {
                entry.Sha256 = saved.Sha256;
                return existing;
            }
            await _remembered.ForgetAsync(entry.File);
        }

        entry.Status = UploadStatus.Hashing;
        entry.Hashed = 0;
        Notify();
        string? sha256;
        try { sha256 = await js.InvokeAsync<string?>("platformUpload.hash", entry.Token, Reference); }
        catch (JSException ex) { throw new InvalidOperationException(FirstLine(ex.Message), ex); }
        if (!_entries.Contains(entry) || _disposed) return null;
        if (!RememberedUpload.IsSha256(sha256)) throw new InvalidOperationException("Reading the file for its SHA-256 stopped; try again.");

        entry.Status = UploadStatus.Preparing;
        Notify();
        var created = await api.CreateUploadAsync(workspaceId, new CreateUploadRequest(entry.Name, entry.Size, sha256));
        entry.Sha256 = sha256;
        await _remembered.SetAsync(entry.File, new RememberedUpload(created.Id, sha256));
        return created;
    }

    /// <summary>
    /// The server's copy of a remembered upload, when it can go on: the same size, created with a SHA-256 the server
    /// will check. One remembered without a SHA-256 (from before uploads declared one) is removed: it could not be verified.
    /// </summary>
    private async Task<UploadDto?> ResumableAsync(UploadEntry entry, RememberedUpload saved)
    {
        try
        {
            var existing = await api.GetUploadAsync(workspaceId, saved.Id);
            var matches = saved.Sha256 is not null && existing.Size == entry.Size
                && (existing.State != UploadState.Complete || string.Equals(existing.Sha256, saved.Sha256, StringComparison.OrdinalIgnoreCase));
            if (matches) return existing;
            await api.DeleteUploadAsync(workspaceId, saved.Id);
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound) { }
        return null;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

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
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.UnprocessableEntity)
        {
            // What the server stored does not match the declared SHA-256; it removed the upload. Retry starts over,
            // reading the file for its hash again in case the file itself is what changed.
            await _remembered.ForgetAsync(entry.File);
            entry.UploadId = null;
            entry.Sha256 = null;
            entry.Begin(0);
            entry.Status = UploadStatus.Failed;
            entry.Message = DamagedMessage;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            entry.Status = UploadStatus.Failed;
            entry.Message = Feedback.MessageFor(ex);
        }
        Notify();
    }
}
