using System.Buffers;
using Platform.Api.Datasets;
using Platform.Storage.Blobs;
using Platform.Storage.Objects;

namespace Platform.Api.Endpoints;

/// <summary>Chunked, resumable uploads: create, send chunks at the offset the server confirms, complete (SHA-256 checked).</summary>
public static class UploadsApi
{
    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/uploads").WithTags("Uploads").RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapPost("", Create);
        group.MapGet("/{id:guid}", Get);
        group.MapPut("/{id:guid}/content", Receive).DisableAntiforgery();
        group.MapPost("/{id:guid}/complete", Complete);
        group.MapDelete("/{id:guid}", Delete);
        return app;
    }

    private static async Task<Results<Created<UploadDto>, ValidationProblem>> Create(
        CreateUploadRequest request, WorkspaceMember member, PlatformDb db, StorageUsage usage, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().Require("fileName", request.FileName, Upload.MaxFileNameLength, "File name");
        if (request.FileName is { Length: > 0 } name && Platform.Datasets.Archives.SafeNames.Problem(name) is { } problem)
            validation.Add("fileName", $"File name: {problem}");
        if (request.Size < 0) validation.Add("size", "Size must be zero or more bytes.");
        if (request.Sha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
            validation.Add("sha256", "SHA-256 must be 64 hexadecimal characters.");
        if (!validation.IsValid) return validation.Problem();
        await using var _ = await usage.LockAsync(member.WorkspaceId, ct);
        await usage.EnsureRoomAsync(member.WorkspaceId, request.Size, ct);
        // After the quota, whose answer is the useful one where a quota is set; this bound holds without one too.
        if (request.Size > Upload.MaxSize)
            return new Validation().Add("size", $"An upload may be at most {Upload.MaxSize >> 40} TiB; split the data into several files.").Problem();
        var upload = new Upload(member.WorkspaceId, request.FileName.Trim(), request.Size, request.Sha256?.ToLowerInvariant(), member.UserId, clock.GetUtcNow());
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/workspaces/{member.WorkspaceId}/uploads/{upload.Id}", upload.ToDto());
    }

    private static async Task<Results<Ok<UploadDto>, ProblemHttpResult>> Get(Guid id, WorkspaceMember member, PlatformDb db, CancellationToken ct) =>
        await Find(db, member, id, ct) is { } upload ? TypedResults.Ok(upload.ToDto()) : Problems.NotFound("The upload");

    /// <summary>
    /// One chunk at the offset the server expects. Chunks of one upload are taken one at a time (a lock per upload),
    /// so two requests for the same offset cannot both write its part: the second finds the offset moved on.
    /// </summary>
    private static async Task<Results<Ok<UploadDto>, ProblemHttpResult>> Receive(
        Guid id, long offset, HttpRequest http, WorkspaceMember member, PlatformDb db, IObjectStore store, UploadHashes hashes,
        StorageUsage usage, DatabaseLocks locks, PlatformGauges gauges, TimeProvider clock, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Upload.MaxChunkBytes + 1);
        try
        {
            var length = await http.Body.ReadAtLeastAsync(buffer.AsMemory(0, Upload.MaxChunkBytes + 1), Upload.MaxChunkBytes + 1, throwOnEndOfStream: false, ct);
            if (length > Upload.MaxChunkBytes)
                return TypedResults.Problem(statusCode: 413, title: "Chunk too large.", detail: $"A chunk may be at most {Upload.MaxChunkBytes / (1024 * 1024)} MiB.");
            await using var _ = await locks.AcquireAsync(ChunkLock(id), ct);
            var upload = await Find(db, member, id, ct);
            if (upload is null) return Problems.NotFound("The upload");
            if (upload.State != UploadState.Receiving) return Problems.Conflict("The upload is complete; it takes no more data.");
            if (offset != upload.ReceivedBytes)
                return TypedResults.Problem(statusCode: 409, title: "Wrong offset.",
                    detail: $"The upload expects offset {upload.ReceivedBytes}, not {offset}; continue from there.",
                    extensions: new Dictionary<string, object?> { ["expectedOffset"] = upload.ReceivedBytes });
            if (length == 0) return TypedResults.Problem(statusCode: 400, title: "Empty chunk.", detail: "The request body held no bytes.");
            if (length > upload.Size - offset)
                return TypedResults.Problem(statusCode: 400, title: "Chunk past the end.", detail: $"The chunk ends at {offset + length}, past the declared size {upload.Size}.");
            // The whole size was reserved when the upload was created; a quota lowered since then stops it here.
            await usage.EnsureRoomAsync(member.WorkspaceId, 0, ct);
            await store.PutAsync(upload.PartKey(offset), new MemoryStream(buffer, 0, length, writable: false), length, null, ct);
            upload.Receive(offset, length, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            hashes.Append(upload.Id, offset, buffer.AsSpan(0, length));
            gauges.Received(length);
            return TypedResults.Ok(upload.ToDto());
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>
    /// Checks the SHA-256 of what is stored. A file that does not match the declared hash is damaged beyond resuming:
    /// the upload is removed (freeing its reserved space) and the answer says so.
    /// </summary>
    private static async Task<Results<Ok<UploadDto>, ProblemHttpResult>> Complete(
        Guid id, WorkspaceMember member, PlatformDb db, IObjectStore store, UploadHashes hashes, DatabaseLocks locks,
        TimeProvider clock, CancellationToken ct)
    {
        await using var _ = await locks.AcquireAsync(ChunkLock(id), ct);
        var upload = await Find(db, member, id, ct);
        if (upload is null) return Problems.NotFound("The upload");
        if (upload.State == UploadState.Complete) return TypedResults.Ok(upload.ToDto());
        if (upload.ReceivedBytes != upload.Size)
            return Problems.Conflict($"The upload has {upload.ReceivedBytes} of {upload.Size} bytes; send the rest first.");
        var sha = await hashes.FinishAsync(store, upload, ct);
        if (upload.ExpectedSha256 is { } expected && !string.Equals(expected, sha, StringComparison.OrdinalIgnoreCase))
        {
            await UploadParts.DeleteAsync(store, upload, ct);
            db.Uploads.Remove(upload);
            await db.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: 422, title: "The file was damaged on the way.",
                detail: $"The stored file's SHA-256 is {sha}, not the declared {expected}. The upload was removed; upload the file again.");
        }
        upload.Complete(sha, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(upload.ToDto());
    }

    private static string ChunkLock(Guid uploadId) => $"upload:{uploadId:N}";

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, WorkspaceMember member, PlatformDb db, IObjectStore store, UploadHashes hashes, CancellationToken ct)
    {
        var upload = await Find(db, member, id, ct);
        if (upload is null) return Problems.NotFound("The upload");
        await UploadParts.DeleteAsync(store, upload, ct);
        db.Uploads.Remove(upload);
        await db.SaveChangesAsync(ct);
        hashes.Forget(id);
        return TypedResults.NoContent();
    }

    private static Task<Upload?> Find(PlatformDb db, WorkspaceMember member, Guid id, CancellationToken ct) =>
        db.Uploads.SingleOrDefaultAsync(u => u.Id == id && u.WorkspaceId == member.WorkspaceId, ct);

    public static UploadDto ToDto(this Upload u) =>
        new(u.Id, u.FileName, u.Size, u.ReceivedBytes, u.State, u.Sha256, Upload.MaxChunkBytes, u.CreatedAt);
}
