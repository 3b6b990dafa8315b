using System.Text.Json;
using Platform.Contracts;

namespace Platform.Storage.Entities;

/// <summary>What a version's charts and headers show, computed once when the version is created.</summary>
public sealed record VersionSummary(
    IReadOnlyList<string> Classes,
    SplitCountsDto Splits,
    IReadOnlyList<ClassCountDto> ClassCounts,
    IReadOnlyList<HistogramBinDto> ImageSizes,
    IReadOnlyList<TableColumnDto> Columns)
{
    public static readonly VersionSummary Empty = new([], new SplitCountsDto(0, 0, 0, 0), [], [], []);

    public string ToJson() => JsonSerializer.Serialize(this, PlatformClient.Json);

    public static VersionSummary FromJson(string json) =>
        JsonSerializer.Deserialize<VersionSummary>(json, PlatformClient.Json) ?? Empty;
}
