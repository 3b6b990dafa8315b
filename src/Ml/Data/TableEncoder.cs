using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Data;

/// <summary>Fits column specifications on training rows and encodes rows into one float tensor.</summary>
internal static class TableEncoder
{
    private const int MaxCategories = 1000;

    public static bool IsMissing(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() is "NA" or "N/A" or "na" or "n/a" or "null" or "NULL" or "?";

    public static bool TryNumber(string value, out double number) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    /// <summary>Column kinds and statistics; a mostly numeric column with stray text or NaN is an error.</summary>
    public static List<ColumnSpec> Fit(MlTable table, int[] featureColumns, int[] train, Dictionary<string, List<string>> errors)
    {
        var specs = new List<ColumnSpec>();
        foreach (var c in featureColumns)
        {
            var name = table.Columns[c];
            var present = table.Rows.Select((r, i) => (Row: r, Index: i)).Where(p => !IsMissing(p.Row.Values[c])).ToList();
            var numbers = present.Select(p => (p.Row, Ok: TryNumber(p.Row.Values[c]!, out var v), Value: v)).ToList();
            var numericCount = numbers.Count(n => n.Ok && double.IsFinite(n.Value));
            var hasMissing = present.Count < table.Rows.Count;
            if (present.Count > 0 && numericCount >= 0.9 * present.Count)
            {
                var bad = numbers.Where(n => !n.Ok || !double.IsFinite(n.Value)).Take(3).ToList();
                foreach (var b in bad)
                {
                    errors.Add($"table.columns.{name}", $"Column '{name}' is numeric but row '{b.Row.Id}' has '{b.Row.Values[c]}'. Leave the cell empty for a missing value.");
                }

                var trainValues = train.Select(i => table.Rows[i].Values[c]).Where(v => !IsMissing(v) && TryNumber(v!, out _))
                    .Select(v => { TryNumber(v!, out var d); return d; }).ToArray();
                var mean = trainValues.Length == 0 ? 0 : trainValues.Average();
                var std = trainValues.Length < 2 ? 1 : Math.Sqrt(trainValues.Sum(v => (v - mean) * (v - mean)) / (trainValues.Length - 1));
                specs.Add(new ColumnSpec(name, true, mean, std < 1e-12 ? 1 : std, hasMissing, null));
            }
            else
            {
                var categories = train.Select(i => table.Rows[i].Values[c]).Where(v => !IsMissing(v)).Select(v => v!.Trim())
                    .GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Take(MaxCategories).Select(g => g.Key).ToList();
                specs.Add(new ColumnSpec(name, false, 0, 1, hasMissing, categories));
            }
        }

        return specs;
    }

    public static int NumericWidth(IReadOnlyList<ColumnSpec> specs) => specs.Where(s => s.Numeric).Sum(s => s.HasMissing ? 2 : 1);

    /// <summary>Numeric features first (value, then a missing flag when the column has gaps), then category indexes.</summary>
    public static Tensor Encode(IReadOnlyList<ColumnSpec> specs, IReadOnlyList<Func<int, string?>> columnValues, int rows)
    {
        var numericWidth = NumericWidth(specs);
        var width = numericWidth + specs.Count(s => !s.Numeric);
        var data = new float[rows * width];
        var lookups = specs.Select(s => s.Categories?.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i + 1, StringComparer.Ordinal)).ToList();
        for (var r = 0; r < rows; r++)
        {
            int numeric = 0, categorical = numericWidth;
            for (var c = 0; c < specs.Count; c++)
            {
                var spec = specs[c];
                var value = columnValues[c](r);
                if (spec.Numeric)
                {
                    var ok = !IsMissing(value) && TryNumber(value!, out var v) && double.IsFinite(v);
                    data[(r * width) + numeric++] = ok ? (float)((double.Parse(value!.Trim(), CultureInfo.InvariantCulture) - spec.Mean) / spec.Std) : 0f;
                    if (spec.HasMissing)
                    {
                        data[(r * width) + numeric++] = ok ? 0f : 1f;
                    }
                }
                else
                {
                    data[(r * width) + categorical++] = !IsMissing(value) && lookups[c]!.TryGetValue(value!.Trim(), out var index) ? index : 0;
                }
            }
        }

        return torch.tensor(data, [rows, width]);
    }
}
