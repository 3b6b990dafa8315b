using System.Text.Json;

namespace Platform.Api.Datasets;

public static class DatasetMapping
{
    public static DatasetDto ToDto(this Dataset d, DatasetVersion? latest) => new(
        d.Id, d.Name, d.Description, d.Kind, d.VersionCount, latest?.ToDto(), d.CreatedAt, d.DeletedAt, d.PurgeAfter);

    public static DatasetVersionDto ToDto(this DatasetVersion v)
    {
        var summary = VersionSummary.FromJson(v.SummaryJson);
        return new(v.Id, v.DatasetId, v.Number, v.Kind, v.ItemCount, v.TotalBytes, summary.Classes, summary.Splits,
            (VersionSourceKind)v.Source, v.SourceDetail, v.ParentVersionId, v.OperationId, v.ManifestSha256, v.CreatedAt);
    }

    public static DatasetItemDto ToDto(this DatasetItem i, bool isTable) => new(
        i.Id, i.Path, i.Label, i.Split, i.Size, i.Width, i.Height,
        i.BoxesJson is null ? [] : JsonSerializer.Deserialize<List<BoxDto>>(i.BoxesJson, PlatformClient.Json) ?? [],
        isTable ? null : i.Text,
        isTable && i.Text is not null ? JsonSerializer.Deserialize<List<string?>>(i.Text, PlatformClient.Json) : null);
}
