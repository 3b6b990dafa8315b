using System.Text.RegularExpressions;

namespace Platform.Storage.Entities;

/// <summary>
/// A name (production, staging, champion…) that points at one version of a model. A protected alias is created,
/// moved, unprotected or removed only by Maintainers and Owners.
/// </summary>
public sealed partial class ModelAlias
{
    public const int MaxNameLength = 64;
    public const int MaxPerModel = 100;
    /// <summary>An alias with this name is protected from the start.</summary>
    public const string Production = "production";

    private ModelAlias() { }

    public ModelAlias(RegisteredModel model, string name, ModelVersion version, Guid? by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        ModelId = model.Id;
        Name = name;
        VersionId = version.Id;
        IsProtected = name == Production;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid VersionId { get; private set; }
    public bool IsProtected { get; private set; }
    public Guid? UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void MoveTo(ModelVersion version, Guid? by, DateTimeOffset now)
    {
        if (version.ModelId != ModelId) throw new IllegalStateChangeException("An alias points at a version of its own model.");
        VersionId = version.Id;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    public void Protect(bool value, Guid? by, DateTimeOffset now)
    {
        IsProtected = value;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    /// <summary>Why <paramref name="name"/> cannot be an alias, or null: lowercase letters, digits, '-' and '_', not "latest" nor a version like "v3".</summary>
    public static string? Problem(string? name) => name switch
    {
        null or "" => "Give the alias a name.",
        { Length: > MaxNameLength } => $"An alias is at most {MaxNameLength} characters.",
        "latest" => "'latest' always means the newest version; choose another alias.",
        _ when VersionLike().IsMatch(name) => $"'{name}' reads as a version number; choose another alias.",
        _ when !Allowed().IsMatch(name) => "An alias starts with a lowercase letter or digit and holds only lowercase letters, digits, '-' and '_'.",
        _ => null,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Allowed();

    [GeneratedRegex("^v[0-9]+$")]
    private static partial Regex VersionLike();
}
