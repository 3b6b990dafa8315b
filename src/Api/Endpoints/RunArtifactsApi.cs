using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Platform.Api.Datasets;
using Platform.Api.Runs;
using Platform.Api.Tracking;
using Platform.Storage.Blobs;
using Platform.Storage.Objects;

namespace Platform.Api.Endpoints;

/// <summary>
/// A run's files (docs/tracking.md): streamed up with PUT at their path, or attached from a completed resumable upload;
/// listed, downloaded and deleted. Only tracked runs take files; every run's are readable.
/// </summary>
public static class RunArtifactsApi
{
    public static IEndpointRouteBuilder MapRunArtifactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkspaceGroup().MapGroup("/runs/{id:guid}/artifacts").WithTags("Artifacts");
        group.MapGet("", List);
        group.MapPost("", Attach).RequireWorkspaceRole(WorkspaceRole.Member);
        group.MapPut("/{**path}", Put).RequireWorkspaceRole(WorkspaceRole.Member).WithJsonBodyLimit(null).DisableAntiforgery();
        group.MapGet("/{**path}", Download);
        group.MapDelete("/{**path}", Delete).RequireWorkspaceRole(WorkspaceRole.Member);
        return app;
    }

    /// <summary>In path order, paged: <c>?limit=&amp;cursor=</c>.</summary>
    private static async Task<IResult> List(Guid id, string? cursor, int? limit, WorkspaceMember member, PlatformDb db, CancellationToken ct)
    {
        if (!Cursor.TryDecode(cursor, out var after)) return Cursor.Invalid();
        if (await db.FindRunAsync(member, id, ct) is null) return Problems.NotFound("The run");
        var query = db.RunArtifacts.AsNoTracking().Where(a => a.RunId == id);
        if (after is not null) query = query.Where(a => a.Path.CompareTo(after) > 0);
        var take = Cursor.Limit(limit);
        var rows = await query.OrderBy(a => a.Path).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(Cursor.ToPage(rows, take, a => a.Path, ToDto));
    }

    /// <summary>The request body is the file, streamed to the store as it arrives; a path written again is replaced (200).</summary>
    private static async Task<Results<Created<RunArtifactDto>, Ok<RunArtifactDto>, ValidationProblem, ProblemHttpResult>> Put(
        Guid id, string? path, HttpRequest request, WorkspaceMember member, PlatformDb db, ArtifactWriter writer, CancellationToken ct)
    {
        if (ArtifactPaths.Problem(path) is { } invalid) return new Validation().Add("path", invalid).Problem();
        var (run, problem) = await TrackedRuns.FindWritableAsync(db, member, id, ct);
        if (run is null) return problem!;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var (artifact, created) = await writer.WriteAsync(run, path!, request.Body, request.ContentLength, null, ct);
        return created ? TypedResults.Created(Url(member, run, artifact), ToDto(artifact)) : TypedResults.Ok(ToDto(artifact));
    }

    /// <summary>A completed upload (resumable, see UploadsApi) becomes the file at the path; the upload is used up.</summary>
    private static async Task<Results<Created<RunArtifactDto>, Ok<RunArtifactDto>, ValidationProblem, ProblemHttpResult>> Attach(
        Guid id, AttachArtifactRequest request, WorkspaceMember member, PlatformDb db, IObjectStore store, UploadHashes hashes,
        ArtifactWriter writer, CancellationToken ct)
    {
        if (request.Path is not null && ArtifactPaths.Problem(request.Path) is { } invalid) return new Validation().Add("path", invalid).Problem();
        var (run, problem) = await TrackedRuns.FindWritableAsync(db, member, id, ct);
        if (run is null) return problem!;
        var upload = await db.Uploads.SingleOrDefaultAsync(u => u.Id == request.UploadId && u.WorkspaceId == member.WorkspaceId, ct);
        if (upload is null) return Problems.NotFound("The upload");
        if (upload.State != UploadState.Complete)
            return Problems.Conflict($"The upload has {upload.ReceivedBytes:N0} of {upload.Size:N0} bytes and is not complete; finish it first.");
        var path = request.Path ?? upload.FileName;
        if (ArtifactPaths.Problem(path) is { } badName) return new Validation().Add("path", badName).Problem();
        RunArtifact artifact;
        bool created;
        await using (var content = await UploadParts.OpenAsync(store, upload, ct))
            (artifact, created) = await writer.WriteAsync(run, path, content, upload.Size, upload, ct);
        await UploadParts.DeleteAsync(store, upload, ct);
        hashes.Forget(upload.Id);
        return created ? TypedResults.Created(Url(member, run, artifact), ToDto(artifact)) : TypedResults.Ok(ToDto(artifact));
    }

    /// <summary>Types a browser shows without running anything are served as themselves; the rest as attachments.</summary>
    private static async Task<IResult> Download(Guid id, string? path, WorkspaceMember member, PlatformDb db, IObjectStore store, HttpResponse response, CancellationToken ct)
    {
        if (await db.FindRunAsync(member, id, ct) is null) return Problems.NotFound("The run");
        var artifact = await db.RunArtifacts.AsNoTracking().SingleOrDefaultAsync(a => a.RunId == id && a.Path == path, ct);
        if (artifact is null || await store.TryOpenReadAsync(artifact.Key, ct) is not { } stream) return Problems.NotFound("The artifact");
        response.Headers.XContentTypeOptions = "nosniff";
        if (!ArtifactContentTypes.IsSafe(artifact.ContentType))
            return TypedResults.Stream(stream, ArtifactContentTypes.Binary, ArtifactPaths.FileName(artifact.Path));
        var inline = new ContentDispositionHeaderValue("inline");
        inline.SetHttpFileName(ArtifactPaths.FileName(artifact.Path));
        response.Headers.ContentDisposition = inline.ToString();
        return TypedResults.Stream(stream, artifact.ContentType);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        Guid id, string? path, WorkspaceMember member, PlatformDb db, ArtifactWriter writer, CancellationToken ct)
    {
        if (ArtifactPaths.Problem(path) is { } invalid) return new Validation().Add("path", invalid).Problem();
        var (run, problem) = await TrackedRuns.FindWritableAsync(db, member, id, ct);
        if (run is null) return problem!;
        return await writer.DeleteAsync(run, path!, ct) ? TypedResults.NoContent() : Problems.NotFound("The artifact");
    }

    private static string Url(WorkspaceMember member, Run run, RunArtifact artifact) =>
        $"/{PlatformClient.RunArtifactUrl(member.WorkspaceId, run.Id, artifact.Path)}";

    private static RunArtifactDto ToDto(RunArtifact a) => new(a.Path, a.Size, a.ContentType, a.CreatedAt, a.UpdatedAt);
}
