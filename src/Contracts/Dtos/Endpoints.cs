namespace Platform.Contracts;

/// <summary>Deploying: a serving process is loading the version it points at; Ready: it answers with that version.</summary>
public enum EndpointStatus { Deploying, Ready, Failed }

/// <summary>
/// A live endpoint serving one model version, or following one of the model's aliases. <paramref name="ServingVersion"/>
/// is the version answering now (during an update the previous one answers until the new one is warm).
/// <paramref name="PredictPath"/> is relative to the server's address.
/// </summary>
public sealed record EndpointDto(
    Guid Id, Guid WorkspaceId, string Name, Guid ModelId, string ModelName, string? Alias, int Version, int? ServingVersion,
    EndpointStatus Status, string? Error, int MaxBatchSize, int MaxWaitMilliseconds, string PredictPath,
    EndpointSignatureDto? Signature, string? CreatedByEmail, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ReadyAt);

/// <summary>
/// What the endpoint takes and answers, read from the model package once loaded: <paramref name="Kind"/> image, text or
/// table; the class names (none for regression); the table's columns.
/// </summary>
public sealed record EndpointSignatureDto(string Kind, string Task, IReadOnlyList<string> Classes, IReadOnlyList<EndpointColumnDto>? Columns,
    int? ImageSize, int? MaxTokens);

public sealed record EndpointColumnDto(string Name, bool Numeric, IReadOnlyList<string>? Categories);

/// <summary>
/// Deploys a version of a model: <paramref name="Alias"/> to follow an alias (the endpoint moves when the alias
/// moves), or <paramref name="Version"/> for a fixed version; neither deploys the newest version.
/// </summary>
public sealed record CreateEndpointRequest(string Name, Guid ModelId, int? Version = null, string? Alias = null,
    int? MaxBatchSize = null, int? MaxWaitMilliseconds = null);

/// <summary>Points the endpoint at another version or alias, or changes its batching; null leaves a field as it is.</summary>
public sealed record UpdateEndpointRequest(int? Version = null, string? Alias = null, int? MaxBatchSize = null, int? MaxWaitMilliseconds = null);

/// <summary>A key that calls one endpoint's predict route; the secret is shown once, when it is created.</summary>
public sealed record EndpointKeyDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, string? CreatedByEmail,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

public sealed record CreateEndpointKeyRequest(string Name);

public sealed record CreatedEndpointKeyDto(EndpointKeyDto Key, string Secret);

/// <summary>
/// The predict route's answer: one prediction per instance, in order; a label with its confidence and every class's
/// probability, or a value for regression.
/// </summary>
public sealed record PredictResponse(string Endpoint, string Model, int Version, IReadOnlyList<PredictionDto> Predictions);

public sealed record PredictionDto(string? Label, double? Confidence, IReadOnlyDictionary<string, double>? Probabilities, double? Value);

/// <summary>
/// JSON predict request: each instance is a base64 image (a string, or {"image": "…"}), a text (a string, or
/// {"text": "…"}), or a table row (an object of column → value).
/// </summary>
public sealed record PredictRequest(IReadOnlyList<System.Text.Json.JsonElement> Instances);

public static class EndpointKeys
{
    /// <summary>Endpoint key secrets start with this, so they are told apart from personal tokens.</summary>
    public const string Prefix = "pek_";
    /// <summary>The header that carries an endpoint key (a bearer token works too).</summary>
    public const string Header = "X-Endpoint-Key";
}

/// <summary>
/// An endpoint's traffic over the last <paramref name="Minutes"/> minutes, from every serving process: requests and
/// failures by kind (invalid-input, busy, error), latency percentiles in milliseconds, the predicted labels, and the
/// same per minute (minutes without requests are left out).
/// </summary>
public sealed record EndpointMetricsDto(int Minutes, long Requests, long Failures, IReadOnlyDictionary<string, long> FailuresByKind,
    double? P50, double? P95, double? P99, IReadOnlyDictionary<string, long> Labels, IReadOnlyList<EndpointMinuteDto> Series);

public sealed record EndpointMinuteDto(DateTimeOffset Minute, long Requests, long Failures, double? P50, double? P95, double? P99);

/// <summary>
/// One revision of an endpoint: the version (and alias followed) it was pointed at, why (deployed, changed,
/// alias-moved, rolled-back), by whom and when. <paramref name="IsCurrent"/> marks the newest.
/// </summary>
public sealed record EndpointRevisionDto(int Number, int Version, string? Alias, string Reason, string? CreatedByEmail, DateTimeOffset CreatedAt, bool IsCurrent);

/// <summary>Points the endpoint back at the version of revision <paramref name="Revision"/>, as a fixed version.</summary>
public sealed record RollbackEndpointRequest(int Revision);
