namespace Platform.Contracts;

public sealed partial class PlatformClient
{
    public Task<Page<AnnotationProjectDto>> ListAnnotationProjectsAsync(Guid ws, string? cursor = null, int? limit = null, CancellationToken ct = default) =>
        GetAsync<Page<AnnotationProjectDto>>($"api/workspaces/{ws}/annotation-projects" + Query(cursor, limit), ct);

    public Task<AnnotationProjectDto> GetAnnotationProjectAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<AnnotationProjectDto>($"api/workspaces/{ws}/annotation-projects/{id}", ct);

    /// <summary>Creates a project on a dataset version (201); Maintainers and Owners only.</summary>
    public Task<AnnotationProjectDto> CreateAnnotationProjectAsync(Guid ws, CreateAnnotationProjectRequest request, CancellationToken ct = default) =>
        SendAsync<AnnotationProjectDto>(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects", request, ct);

    public Task<AnnotationProjectDto> UpdateAnnotationProjectAsync(Guid ws, Guid id, UpdateAnnotationProjectRequest request, CancellationToken ct = default) =>
        SendAsync<AnnotationProjectDto>(HttpMethod.Patch, $"api/workspaces/{ws}/annotation-projects/{id}", request, ct);

    public Task DeleteAnnotationProjectAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"api/workspaces/{ws}/annotation-projects/{id}", null, ct);

    public Task<IReadOnlyList<AnnotatorStatsDto>> ListAnnotatorsAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<AnnotatorStatsDto>>($"api/workspaces/{ws}/annotation-projects/{id}/annotators", ct);

    /// <summary>Leases the caller's next batch of tasks (rejected ones first); two people never hold the same task.</summary>
    public Task<IReadOnlyList<AnnotationTaskDto>> NextAnnotationTasksAsync(Guid ws, Guid id, NextAnnotationTasksRequest? request = null, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<AnnotationTaskDto>>(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects/{id}/tasks/next", request ?? new(), ct);

    public Task<Page<AnnotationTaskDto>> ListAnnotationTasksAsync(Guid ws, Guid id, AnnotationTaskQuery query, CancellationToken ct = default) =>
        GetAsync<Page<AnnotationTaskDto>>($"api/workspaces/{ws}/annotation-projects/{id}/tasks"
            + Query(query.Cursor, query.Limit, ("state", query.State?.ToString()), ("mine", query.Mine ? "true" : null)), ct);

    public Task<AnnotationTaskDto> GetAnnotationTaskAsync(Guid ws, Guid id, Guid taskId, CancellationToken ct = default) =>
        GetAsync<AnnotationTaskDto>($"api/workspaces/{ws}/annotation-projects/{id}/tasks/{taskId}", ct);

    public Task<AnnotationTaskDto> SaveAnnotationAsync(Guid ws, Guid id, Guid taskId, SaveAnnotationRequest request, CancellationToken ct = default) =>
        SendAsync<AnnotationTaskDto>(HttpMethod.Put, $"api/workspaces/{ws}/annotation-projects/{id}/tasks/{taskId}/annotation", request, ct);

    public Task<AnnotationTaskDto> ReviewAnnotationAsync(Guid ws, Guid id, Guid taskId, ReviewAnnotationRequest request, CancellationToken ct = default) =>
        SendAsync<AnnotationTaskDto>(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects/{id}/tasks/{taskId}/review", request, ct);

    /// <summary>Starts the operation that writes the project's labels as a new version of its dataset.</summary>
    public Task<OperationDto> FinishAnnotationProjectAsync(Guid ws, Guid id, FinishAnnotationRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects/{id}/finish", request, ct);

    /// <summary>Gives back every task the caller holds, so others may take them at once.</summary>
    public Task ReleaseAnnotationTasksAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects/{id}/tasks/release", null, ct);

    /// <summary>Starts the operation that suggests a label for every open task with a registered model version.</summary>
    public Task<OperationDto> PrelabelAnnotationProjectAsync(Guid ws, Guid id, PrelabelRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects/{id}/prelabel", request, ct);

    /// <summary>Agreement between annotators on the items two or more of them labeled.</summary>
    public Task<AnnotationAgreementDto> GetAnnotationAgreementAsync(Guid ws, Guid id, CancellationToken ct = default) =>
        GetAsync<AnnotationAgreementDto>($"api/workspaces/{ws}/annotation-projects/{id}/agreement", ct);

    /// <summary>Starts the operation that writes the labels as a new version and then a training run on it (see <see cref="RetrainRequest"/>).</summary>
    public Task<OperationDto> RetrainAnnotationProjectAsync(Guid ws, Guid id, RetrainRequest request, CancellationToken ct = default) =>
        SendAsync<OperationDto>(HttpMethod.Post, $"api/workspaces/{ws}/annotation-projects/{id}/retrain", request, ct);
}
