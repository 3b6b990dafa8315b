namespace Platform.Api.Mlflow;

// Request bodies of MLflow's REST API 2.0 (mlflow/protos/service.proto). Every field is optional here so that a
// missing one is reported as MLflow reports it, by name.

public sealed record MlflowCreateExperiment(string? Name, string? ArtifactLocation, List<MlflowTag>? Tags);

public sealed record MlflowExperimentId(string? ExperimentId);

public sealed record MlflowUpdateExperiment(string? ExperimentId, string? NewName);

public sealed record MlflowSearchExperiments(long? MaxResults, string? PageToken, string? Filter, List<string>? OrderBy, string? ViewType);

public sealed record MlflowCreateRun(string? ExperimentId, string? UserId, string? RunName, long? StartTime, List<MlflowTag>? Tags);

public sealed record MlflowUpdateRun(string? RunId, string? RunUuid, string? Status, long? EndTime, string? RunName);

public sealed record MlflowRunId(string? RunId);

public sealed record MlflowSearchRuns(List<string>? ExperimentIds, string? Filter, string? RunViewType, long? MaxResults, List<string>? OrderBy, string? PageToken);

public sealed record MlflowLogMetric(string? RunId, string? RunUuid, string? Key, double? Value, long? Timestamp, long? Step);

public sealed record MlflowLogParam(string? RunId, string? RunUuid, string? Key, string? Value);

public sealed record MlflowSetTag(string? RunId, string? RunUuid, string? Key, string? Value);

public sealed record MlflowDeleteTag(string? RunId, string? Key);

public sealed record MlflowLogBatch(string? RunId, List<MlflowMetric>? Metrics, List<MlflowParam>? Params, List<MlflowTag>? Tags);

public sealed record MlflowMetric(string? Key, double? Value, long? Timestamp, long? Step);

public sealed record MlflowParam(string? Key, string? Value);

public sealed record MlflowTag(string? Key, string? Value);

// Responses, shaped as MLflow's server writes them.

public sealed record ExperimentJson(string ExperimentId, string Name, string ArtifactLocation, string LifecycleStage, long LastUpdateTime, long CreationTime);

public sealed record RunInfoJson(
    string RunId, string RunUuid, string RunName, string ExperimentId, string UserId, string Status, long? StartTime, long? EndTime,
    string ArtifactUri, string LifecycleStage);

public sealed record MetricJson(string Key, double Value, long Timestamp, long Step);

public sealed record ParamJson(string Key, string Value);

public sealed record TagJson(string Key, string Value);

public sealed record RunDataJson(List<MetricJson>? Metrics, List<ParamJson>? Params, List<TagJson>? Tags);

public sealed record RunJson(RunInfoJson Info, RunDataJson Data);

public sealed record FileInfoJson(string Path, bool IsDir, long? FileSize);

public sealed record CreateExperimentResponse(string ExperimentId);

public sealed record GetExperimentResponse(ExperimentJson Experiment);

public sealed record SearchExperimentsResponse(List<ExperimentJson>? Experiments, string? NextPageToken);

public sealed record RunResponse(RunJson Run);

public sealed record UpdateRunResponse(RunInfoJson RunInfo);

public sealed record SearchRunsResponse(List<RunJson>? Runs, string? NextPageToken);

public sealed record MetricHistoryResponse(List<MetricJson>? Metrics, string? NextPageToken);

public sealed record ListArtifactsResponse(string RootUri, List<FileInfoJson>? Files, string? NextPageToken);
