using Platform.Contracts;

namespace Platform.Datasets.Formats.Readers;

/// <summary>What the CSV and JSONL text readers share: checking a row and assembling the dataset.</summary>
internal static class TextRows
{
    /// <summary>Null when the row is usable, else what is wrong with it.</summary>
    public static string? Check(string? text, string? label, DatasetSplit? split, string? splitValue)
    {
        if (string.IsNullOrWhiteSpace(text)) return "empty text";
        if (CsvDocument.IsMissing(label)) return "missing label";
        if (split is null) return $"unknown split '{splitValue}' (use train, validation, test or leave it empty)";
        return null;
    }

    public static ParsedDataset Dataset(DatasetFormat format, List<ParsedItem> items, List<ImportProblem> problems)
    {
        var classes = items.Select(i => i.Label!).Distinct().Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
            throw new DatasetFormatException(classes.Count == 0
                ? $"No row could be read{(problems.Count > 0 ? $" ({problems[0].File}: {problems[0].Message})" : "")}."
                : $"Text classification needs at least two classes, and every row is labeled '{classes[0]}'.");
        return new ParsedDataset(DatasetKind.TextClassification, format, classes, items, problems);
    }
}
