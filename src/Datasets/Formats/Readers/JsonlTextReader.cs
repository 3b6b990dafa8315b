using System.Text.Json;
using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>Text classification from one JSON Lines file: {"text": "...", "label": "...", "split": "train"} a line.</summary>
internal static class JsonlTextReader
{
    public static async Task<ParsedDataset> ReadAsync(UploadFile file, OpenSource open, ImportOptions options, CancellationToken ct)
    {
        var lines = (await Upload.ReadTextAsync(open, file, ct)).Split('\n');
        var problems = new List<ImportProblem>();
        var items = new List<ParsedItem>();
        var number = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            number++;
            var where = $"{file.Path} line {i + 1}";
            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new(where, "not a JSON object"));
                    continue;
                }
                var root = document.RootElement;
                var text = Value(root, options.TextColumn, CsvTextReader.TextNames);
                var label = Value(root, options.LabelColumn, CsvTextReader.LabelNames);
                var splitValue = Value(root, null, ["split"]);
                var split = LayoutNames.SplitFromValue(splitValue);
                var error = TextRows.Check(text, label, split, splitValue);
                if (error is not null) problems.Add(new(where, error));
                else items.Add(new ParsedItem($"row-{number:D7}", null, label!.Trim(), split!.Value, [], Text: text));
            }
            catch (JsonException e)
            {
                problems.Add(new(where, $"not valid JSON ({e.Message})"));
            }
        }
        return TextRows.Dataset(DatasetFormat.JsonlText, items, problems);
    }

    /// <summary>The first of the keys present (ignoring case), as text: strings as they are, numbers and booleans as written.</summary>
    private static string? Value(JsonElement obj, string? chosen, string[] keys)
    {
        foreach (var key in chosen is null ? keys : [chosen])
            foreach (var property in obj.EnumerateObject().Where(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase)))
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => null,
                };
        return null;
    }
}
