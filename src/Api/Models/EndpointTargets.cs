namespace Platform.Api.Models;

/// <summary>Which version an endpoint serves: an alias it follows, a fixed version, or (neither given) the newest.</summary>
public static class EndpointTargets
{
    public static async Task<(ModelVersion? Version, string? Alias, ValidationProblem? Problem)> ResolveAsync(
        PlatformDb db, RegisteredModel model, int? number, string? alias, CancellationToken ct)
    {
        if (number is not null && !string.IsNullOrEmpty(alias))
            return (null, null, new Validation().Add("alias", "Give a version or an alias to follow, not both.").Problem());
        if (!string.IsNullOrEmpty(alias))
        {
            var versionId = await db.ModelAliases.Where(a => a.ModelId == model.Id && a.Name == alias).Select(a => (Guid?)a.VersionId).SingleOrDefaultAsync(ct);
            if (versionId is null) return (null, null, new Validation().Add("alias", $"{model.Name} has no alias '{alias}'.").Problem());
            return (await db.ModelVersions.SingleAsync(v => v.Id == versionId, ct), alias, null);
        }
        var version = number is { } n
            ? await db.ModelVersions.SingleOrDefaultAsync(v => v.ModelId == model.Id && v.Number == n, ct)
            : await db.ModelVersions.Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is null)
            return (null, null, new Validation().Add("version", number is null ? $"{model.Name} has no versions yet." : $"{model.Name} has no version {number}.").Problem());
        return (version, null, null);
    }

    public static string Describe(string? alias, int number) => alias is null ? $"v{number}" : $"@{alias} (v{number})";
}
