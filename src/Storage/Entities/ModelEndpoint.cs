using System.Text.RegularExpressions;
using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>
/// A live endpoint: serves one version of a model, fixed or followed through an alias. The API points it at a version
/// (<see cref="VersionId"/>); a serving process loads that version and reports it as <see cref="ServingVersionId"/>,
/// which keeps answering during an update until the new version is loaded and warm.
/// </summary>
public sealed partial class ModelEndpoint
{
    public const int MaxNameLength = 63;
    public const int MaxPerWorkspace = 100;
    public const int DefaultMaxBatchSize = 32;
    public const int MaxMaxBatchSize = 256;
    public const int DefaultMaxWaitMilliseconds = 5;
    public const int MaxMaxWaitMilliseconds = 1000;
    public const int MaxErrorLength = 2000;

    private ModelEndpoint() { }

    public ModelEndpoint(Guid workspaceId, string name, RegisteredModel model, ModelVersion version, string? alias, int maxBatchSize,
        int maxWaitMilliseconds, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        WorkspaceId = workspaceId;
        Name = name;
        ModelId = model.Id;
        CreatedBy = createdBy;
        CreatedAt = now;
        Batch(maxBatchSize, maxWaitMilliseconds, now);
        PointAt(version, alias, now);
    }

    public Guid Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid ModelId { get; private set; }
    /// <summary>The alias it follows, or null for a fixed version.</summary>
    public string? Alias { get; private set; }
    public Guid VersionId { get; private set; }
    public Guid? ServingVersionId { get; private set; }
    public EndpointStatus Status { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The loaded model's input and output, as EndpointSignatureDto JSON.</summary>
    public string? SignatureJson { get; private set; }
    public int MaxBatchSize { get; private set; }
    public int MaxWaitMilliseconds { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? ReadyAt { get; private set; }

    public void PointAt(ModelVersion version, string? alias, DateTimeOffset now)
    {
        if (version.ModelId != ModelId) throw new IllegalStateChangeException("An endpoint serves versions of its own model.");
        Alias = alias;
        UpdatedAt = now;
        if (VersionId == version.Id && Status != EndpointStatus.Failed) return;
        VersionId = version.Id;
        Status = ServingVersionId == version.Id ? EndpointStatus.Ready : EndpointStatus.Deploying;
        Error = null;
    }

    public void Batch(int maxBatchSize, int maxWaitMilliseconds, DateTimeOffset now)
    {
        MaxBatchSize = maxBatchSize;
        MaxWaitMilliseconds = maxWaitMilliseconds;
        UpdatedAt = now;
    }

    /// <summary>A serving process loaded <paramref name="versionId"/>; it serves from now on.</summary>
    public void Loaded(Guid versionId, string signatureJson, DateTimeOffset now)
    {
        ServingVersionId = versionId;
        SignatureJson = signatureJson;
        if (versionId != VersionId) return;
        Status = EndpointStatus.Ready;
        Error = null;
        ReadyAt = now;
    }

    /// <summary>Loading <paramref name="versionId"/> failed; the version serving before (if any) keeps answering.</summary>
    public void LoadFailed(Guid versionId, string error)
    {
        if (versionId != VersionId) return;
        Status = EndpointStatus.Failed;
        Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
    }

    /// <summary>Why <paramref name="name"/> cannot name an endpoint (it is part of the predict URL), or null.</summary>
    public static string? Problem(string? name) => name switch
    {
        null or "" => "Give the endpoint a name.",
        { Length: > MaxNameLength } => $"An endpoint name is at most {MaxNameLength} characters.",
        _ when !Allowed().IsMatch(name) => "An endpoint name starts with a lowercase letter or digit and holds only lowercase letters, digits and '-'.",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Allowed();
}
