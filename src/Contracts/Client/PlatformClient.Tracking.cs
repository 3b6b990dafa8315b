using System.Net.Http.Headers;

namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<RunDto> CreateTrackedRunAsync(Guid ws, Guid experimentId, CreateTrackedRunRequest request, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Post, $"api/workspaces/{ws}/experiments/{experimentId}/runs", request, ct);

    /// <summary>Up to <see cref="TrackingLimits.MaxMetricsPerBatch"/> points with params and tags, written completely or not at all.</summary>
    public Task LogBatchAsync(Guid ws, Guid runId, LogBatchRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/workspaces/{ws}/runs/{runId}/batch", request, ct);

    public Task<RunDto> EndRunAsync(Guid ws, Guid runId, EndRunRequest request, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Post, $"api/workspaces/{ws}/runs/{runId}/end", request, ct);

    public Task<Page<RunArtifactDto>> ListRunArtifactsAsync(Guid ws, Guid runId, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<RunArtifactDto>>($"api/workspaces/{ws}/runs/{runId}/artifacts" + Query(cursor, limit), ct);

    /// <summary>The file's address (download with GET, write with PUT, delete with DELETE); each part of the path escaped.</summary>
    public static string RunArtifactUrl(Guid ws, Guid runId, string path) =>
        $"api/workspaces/{ws}/runs/{runId}/artifacts/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Streams <paramref name="content"/> as the file at <paramref name="path"/>, replacing one already there.</summary>
    public async Task<RunArtifactDto> PutRunArtifactAsync(Guid ws, Guid runId, string path, Stream content, CancellationToken ct = default)
    {
        var request = Request(HttpMethod.Put, RunArtifactUrl(ws, runId, path));
        request.Content = new StreamContent(content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await ReadAsync<RunArtifactDto>(await http.SendAsync(request, ct), ct);
    }

    /// <summary>Makes a completed upload (<see cref="UploadAsync"/>, resumable) the file at a path of the run.</summary>
    public Task<RunArtifactDto> AttachRunArtifactAsync(Guid ws, Guid runId, AttachArtifactRequest request, CancellationToken ct = default) =>
        SendAsync<RunArtifactDto>(HttpMethod.Post, $"api/workspaces/{ws}/runs/{runId}/artifacts", request, ct);

    /// <summary>The file's bytes; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadRunArtifactAsync(Guid ws, Guid runId, string path, CancellationToken ct = default) =>
        DownloadAsync(RunArtifactUrl(ws, runId, path), ct);

    public Task DeleteRunArtifactAsync(Guid ws, Guid runId, string path, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, RunArtifactUrl(ws, runId, path), null, ct);
}
