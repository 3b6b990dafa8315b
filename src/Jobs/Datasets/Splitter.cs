using Platform.Contracts;

namespace Platform.Jobs.Datasets;

/// <summary>
/// Deterministic splits: items in path order are shuffled with the seed, then cut by the shares (within each class
/// when stratified, so every class keeps the same proportions). The same seed always gives the same split.
/// </summary>
public static class Splitter
{
    public static List<NewItem> Assign(IReadOnlyList<NewItem> items, SplitRequest request)
    {
        var ordered = items.OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        var groups = request.Stratified
            ? ordered.GroupBy(i => i.Label ?? i.Boxes.FirstOrDefault()?.Label ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList())
            : [ordered];
        var random = new Random(request.Seed);
        var result = new List<NewItem>(items.Count);
        foreach (var group in groups)
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            var train = (int)Math.Round(shuffled.Length * request.Train);
            var validation = (int)Math.Round(shuffled.Length * request.Validation);
            if (train + validation > shuffled.Length || request.Test == 0) validation = shuffled.Length - train;
            for (var i = 0; i < shuffled.Length; i++)
                result.Add(shuffled[i].WithSplit(i < train ? DatasetSplit.Train : i < train + validation ? DatasetSplit.Validation : DatasetSplit.Test));
        }
        return result;
    }
}
