using System.Globalization;
using System.Text.Json;
using Platform.Contracts;
using Platform.Storage.Entities;

namespace Platform.Jobs.Datasets;

/// <summary>Computes a version's charts once: class counts (boxes per class for detection), splits, image sizes, column statistics.</summary>
public static class VersionSummaries
{
    public static VersionSummary Compute(VersionContent content, IReadOnlyList<NewItem> items)
    {
        var labels = content.Kind == DatasetKind.ObjectDetection ? items.SelectMany(i => i.Boxes.Select(b => b.Label)) : items.Select(i => i.Label);
        var counts = labels.Where(l => l is not null).GroupBy(l => l!).ToDictionary(g => g.Key, g => g.Count());
        var classCounts = content.Classes.Select(c => new ClassCountDto(c, counts.GetValueOrDefault(c))).ToList();
        var splits = new SplitCountsDto(
            items.Count(i => i.Split == DatasetSplit.Train), items.Count(i => i.Split == DatasetSplit.Validation),
            items.Count(i => i.Split == DatasetSplit.Test), items.Count(i => i.Split == DatasetSplit.None));
        return new VersionSummary(content.Classes, splits, classCounts, ImageSizes(items), Columns(content, items));
    }

    private static List<HistogramBinDto> ImageSizes(IReadOnlyList<NewItem> items) => SizeHistogram.Of(
        items.Where(i => i.Width is not null && i.Height is not null).Select(i => Math.Max(i.Width!.Value, i.Height!.Value)).ToList());

    private static List<TableColumnDto> Columns(VersionContent content, IReadOnlyList<NewItem> items)
    {
        if (content.Columns.Count == 0) return [];
        var rows = items.Select(i => i.Text is null ? [] : JsonSerializer.Deserialize<string?[]>(i.Text) ?? []).ToList();
        return content.Columns.Select((column, index) =>
        {
            var values = rows.Select(r => index < r.Length ? r[index] : null).ToList();
            var present = values.Where(v => v is not null).ToList();
            var numbers = column.Type == ColumnType.Number
                ? present.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN).Where(double.IsFinite).ToList()
                : [];
            return column with
            {
                Missing = values.Count - present.Count,
                Distinct = present.Distinct().Count(),
                Min = numbers.Count > 0 ? numbers.Min() : null,
                Max = numbers.Count > 0 ? numbers.Max() : null,
                Mean = numbers.Count > 0 ? numbers.Average() : null,
            };
        }).ToList();
    }
}
