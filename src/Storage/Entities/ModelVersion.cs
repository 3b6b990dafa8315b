namespace Platform.Storage.Entities;

/// <summary>
/// One registered version of a model: a copy of a run's model package (and its evaluation) under the model, with the
/// package's SHA-256 recorded at registration. The package never changes; the description and tags may.
/// </summary>
public sealed class ModelVersion
{
    public const int MaxDescriptionLength = 4000;
    public const int MaxTags = 50;
    public const int MaxTagKeyLength = 100;
    public const int MaxTagValueLength = 500;

    private ModelVersion() { }

    public ModelVersion(RegisteredModel model, int number, Run run, ModelFile package, ModelFile? evaluation, string? description,
        string tagsJson, Guid? createdBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        ModelId = model.Id;
        WorkspaceId = model.WorkspaceId;
        Number = number;
        RunId = run.Id;
        DatasetVersionId = run.DatasetVersionId;
        Template = run.Template;
        Score = run.Score;
        PackageKey = package.Key;
        PackageBytes = package.Bytes;
        PackageSha256 = package.Sha256;
        EvaluationKey = evaluation?.Key;
        Description = description;
        TagsJson = tagsJson;
        CreatedBy = createdBy;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public Guid WorkspaceId { get; private set; }
    public int Number { get; private set; }
    /// <summary>The run that trained it, and the dataset version that run trained on.</summary>
    public Guid? RunId { get; private set; }
    public Guid? DatasetVersionId { get; private set; }
    public string? Template { get; private set; }
    /// <summary>The run's test score at registration: accuracy, or R² for regression.</summary>
    public double? Score { get; private set; }
    public string PackageKey { get; private set; } = "";
    public long PackageBytes { get; private set; }
    public string PackageSha256 { get; private set; } = "";
    public string? EvaluationKey { get; private set; }
    public string? Description { get; private set; }
    /// <summary>Tags as a JSON object of strings.</summary>
    public string TagsJson { get; private set; } = "{}";
    public Guid? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Tags as they are stored: a JSON object of strings (an empty one for none).</summary>
    public static string TagsJsonOf(IReadOnlyDictionary<string, string>? tags) =>
        System.Text.Json.JsonSerializer.Serialize(tags ?? new Dictionary<string, string>());

    public void Describe(string? description, string? tagsJson, DateTimeOffset now)
    {
        Description = description;
        if (tagsJson is not null) TagsJson = tagsJson;
        UpdatedAt = now;
    }
}

/// <summary>A file stored for a model version: its object key, size and SHA-256 (lowercase hex).</summary>
public sealed record ModelFile(string Key, long Bytes, string Sha256);
