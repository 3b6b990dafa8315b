using System.Globalization;

namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<ExperimentDto>> ListExperimentsAsync(Guid ws, string? cursor = null, int? limit = null, bool deleted = false, CancellationToken ct = default) =>
        GetAsync<Page<ExperimentDto>>($"api/workspaces/{ws}/experiments" + Query(cursor, limit, ("deleted", deleted ? "true" : null)), ct);

    public Task<ExperimentDto> CreateExperimentAsync(Guid ws, CreateExperimentRequest request, CancellationToken ct = default) =>
        SendAsync<ExperimentDto>(HttpMethod.Post, $"api/workspaces/{ws}/experiments", request, ct);

    public Task<ExperimentDto> GetExperimentAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<ExperimentDto>($"api/workspaces/{ws}/experiments/{id}", ct);

    public Task<ExperimentDto> UpdateExperimentAsync(Guid ws, Guid id, UpdateExperimentRequest request, CancellationToken ct = default) =>
        SendAsync<ExperimentDto>(HttpMethod.Patch, $"api/workspaces/{ws}/experiments/{id}", request, ct);

    public Task<ExperimentDto> DeleteExperimentAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<ExperimentDto>(HttpMethod.Delete, $"api/workspaces/{ws}/experiments/{id}", null, ct);

    public Task<ExperimentDto> RestoreExperimentAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<ExperimentDto>(HttpMethod.Post, $"api/workspaces/{ws}/experiments/{id}/restore", null, ct);

    /// <param name="sort">created (default, newest first), name, status, score, metrics.&lt;name&gt; or params.&lt;key&gt;, then asc or desc.</param>
    /// <param name="filter">MLflow's search syntax, e.g. <c>metrics.val_accuracy &gt; 0.9 and params.lr = '0.1'</c>.</param>
    public Task<Page<RunSummaryDto>> ListRunsAsync(Guid ws, Guid experimentId, string? cursor = null, int? limit = null, RunStatus? status = null,
        string? sort = null, string? filter = null, CancellationToken ct = default) =>
        GetAsync<Page<RunSummaryDto>>($"api/workspaces/{ws}/experiments/{experimentId}/runs" + Query(cursor, limit,
            ("status", status?.ToString()), ("sort", sort), ("filter", filter)), ct);

    /// <summary>1 to <see cref="RunComparisonDto.MaxRuns"/> runs side by side.</summary>
    public Task<RunComparisonDto> CompareRunsAsync(Guid ws, IEnumerable<Guid> ids, CancellationToken ct = default) =>
        GetAsync<RunComparisonDto>($"api/workspaces/{ws}/runs/compare" + Query(null, null, ("ids", string.Join(',', ids))), ct);

    public Task<TrainingProposalDto> GetTrainingProposalAsync(Guid ws, Guid datasetId, int version, CancellationToken ct = default) =>
        GetAsync<TrainingProposalDto>($"api/workspaces/{ws}/datasets/{datasetId}/versions/{version}/training-proposal", ct);

    public Task<RunDto> StartTrainingAsync(Guid ws, StartTrainingRequest request, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Post, $"api/workspaces/{ws}/runs", request, ct);

    public Task<RunDto> GetRunAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<RunDto>($"api/workspaces/{ws}/runs/{id}", ct);

    public Task<RunDto> CancelRunAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Post, $"api/workspaces/{ws}/runs/{id}/cancel", null, ct);

    /// <summary>Moves a run that waits on its queue up or down (409 once it has started).</summary>
    public Task<RunDto> SetRunPriorityAsync(Guid ws, Guid id, RunPriority priority, CancellationToken ct = default) =>
        SendAsync<RunDto>(HttpMethod.Put, $"api/workspaces/{ws}/runs/{id}/priority", new SetRunPriorityRequest(priority), ct);

    /// <summary>Every metric (downsampled to <paramref name="maxPoints"/> per series), or only what came after <paramref name="afterId"/>.</summary>
    public Task<RunMetricsDto> GetRunMetricsAsync(Guid ws, Guid id, long? afterId = null, int? maxPoints = null, string? name = null,
        long? fromStep = null, long? toStep = null, CancellationToken ct = default) =>
        GetAsync<RunMetricsDto>($"api/workspaces/{ws}/runs/{id}/metrics" + Query(null, null,
            ("afterId", Text(afterId)), ("maxPoints", Text(maxPoints)), ("name", name), ("fromStep", Text(fromStep)), ("toStep", Text(toStep))), ct);

    public Task<RunLogDto> GetRunLogAsync(Guid ws, Guid id, long? afterId = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<RunLogDto>($"api/workspaces/{ws}/runs/{id}/log" + Query(null, limit, ("afterId", Text(afterId))), ct);

    public Task<EvaluationDto> GetRunEvaluationAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<EvaluationDto>($"api/workspaces/{ws}/runs/{id}/evaluation", ct);

    public static string RunModelUrl(Guid ws, Guid id) => $"api/workspaces/{ws}/runs/{id}/model";

    /// <summary>The run's model package (a zip); the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadRunModelAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        DownloadAsync(RunModelUrl(ws, id), ct);

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
