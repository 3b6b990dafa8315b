using System.IO.Compression;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;
using Platform.Contracts;
using Shouldly;

namespace Platform.Api.Tests;

/// <summary>Reads exported files back in the test, in the shape RoundTripTests' Describe gives the original items.</summary>
public static class ExportedFiles
{
    public static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            using (var stream = e.Open()) stream.CopyTo(content);
            return content.ToArray();
        });
    }

    /// <summary>labels.csv or labels.jsonl of an image list, described without the image size (the list does not hold it).</summary>
    public static List<string> ImageList(byte[] list, DatasetFormat format)
    {
        var text = Encoding.UTF8.GetString(list);
        var rows = new List<(string Path, string Label, string Split)>();
        if (format == DatasetFormat.CsvImages)
        {
            using var reader = Sep.Reader().FromText(text);
            foreach (var row in reader) rows.Add((row["path"].ToString(), row["label"].ToString(), row["split"].ToString()));
        }
        else
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                rows.Add((root.GetProperty("path").GetString()!, root.GetProperty("label").GetString()!, root.GetProperty("split").GetString()!));
            }
        }
        return rows.Select(r => $"{r.Path[(r.Path.LastIndexOf('/') + 1)..]} {r.Label} {Split(r.Split)}").ToList();
    }

    /// <summary>Every image of every annotations/labels_{split}.json: file name, class, split, size, and no boxes.</summary>
    public static List<string> CocoLabels(Dictionary<string, byte[]> entries)
    {
        var described = new List<string>();
        foreach (var (path, bytes) in entries.Where(e => e.Key.StartsWith("annotations/labels_", StringComparison.Ordinal)))
        {
            var split = Split(path["annotations/labels_".Length..^".json".Length]);
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            var names = root.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("name").GetString());
            var labels = root.GetProperty("annotations").EnumerateArray()
                .ToDictionary(a => a.GetProperty("image_id").GetInt32(), a => names[a.GetProperty("category_id").GetInt32()]);
            foreach (var image in root.GetProperty("images").EnumerateArray())
            {
                var name = image.GetProperty("file_name").GetString()!;
                entries.ShouldContainKey($"images/{path["annotations/labels_".Length..^".json".Length]}/{name}");
                described.Add($"{name} {labels[image.GetProperty("id").GetInt32()]} {split} " +
                    $"{image.GetProperty("width").GetInt32()}x{image.GetProperty("height").GetInt32()} ");
            }
        }
        return described.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>"cell|cell|… Split" per JSON Lines row: values in column order (empty for null, a number's text as written).</summary>
    public static List<string> TableRows(byte[] jsonl) =>
        Encoding.UTF8.GetString(jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var properties = json.RootElement.EnumerateObject().ToList();
            var cells = properties.Where(p => p.Name != "split").Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.Number => p.Value.GetRawText(),
                _ => p.Value.GetString()!,
            }).ToList();
            var split = properties.FirstOrDefault(p => p.Name == "split").Value is { ValueKind: JsonValueKind.String } s ? Split(s.GetString()!) : DatasetSplit.None;
            return $"{string.Join('|', cells)} {split}";
        }).ToList();

    private static DatasetSplit Split(string value) => value switch
    {
        "train" => DatasetSplit.Train,
        "validation" => DatasetSplit.Validation,
        "test" => DatasetSplit.Test,
        _ => DatasetSplit.None,
    };
}
