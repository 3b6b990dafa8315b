namespace Platform.Ml.Data;

/// <summary>Row indexes per split; carves a stratified validation split from train when none is given.</summary>
internal sealed record SplitPlan(int[] Train, int[] Validation, int[] Test, bool ValidationCarved)
{
    public const double CarvedFraction = 0.1;

    /// <summary>Beyond this many held-out items the estimate gains little; the rest is better spent on training.</summary>
    public const int MaxCarved = 3000;

    public static SplitPlan Assign(int count, Func<int, string> id, Func<int, string?> group, Func<int, MlSplit> split)
    {
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        for (var i = 0; i < count; i++)
        {
            (split(i) switch { MlSplit.Validation => validation, MlSplit.Test => test, _ => train }).Add(i);
        }

        if (validation.Count > 0)
        {
            return new SplitPlan([.. train], [.. validation], [.. test], false);
        }

        // Stable order by a hash of the id, so that the same data always gives the same split.
        var fraction = Math.Min(CarvedFraction, (double)MaxCarved / Math.Max(1, train.Count));
        var keep = new List<int>();
        foreach (var members in train.GroupBy(i => group(i) ?? string.Empty))
        {
            var ordered = members.OrderBy(i => StableHash(id(i))).ThenBy(i => i).ToList();
            var take = ordered.Count >= 5 ? Math.Max(1, (int)Math.Round(ordered.Count * fraction)) : 0;
            validation.AddRange(ordered.Take(take));
            keep.AddRange(ordered.Skip(take));
        }

        keep.Sort();
        validation.Sort();
        return validation.Count == 0
            ? new SplitPlan([.. train], [.. train], [.. test], true)
            : new SplitPlan([.. keep], [.. validation], [.. test], true);
    }

    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}

/// <summary>Class names of a labeled item set, checked for the usual mistakes.</summary>
internal static class LabelCheck
{
    public static string[] Classes(IReadOnlyList<string?> labels, IReadOnlyList<int> trainIndexes, string field)
    {
        var errors = new Dictionary<string, List<string>>();
        if (labels.Count == 0)
        {
            throw new MlValidationException(field, "The dataset is empty.");
        }

        var missing = Enumerable.Range(0, labels.Count).Where(i => string.IsNullOrWhiteSpace(labels[i])).Take(5).ToList();
        if (missing.Count > 0)
        {
            errors.Add(field, $"{missing.Count}+ items have no label (first at position {missing[0]}).");
        }

        var classes = labels.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            errors.Add(field, classes.Length == 0
                ? "No item has a label."
                : $"At least two classes are needed to train a classifier; only '{classes[0]}' was found.");
        }

        var inTrain = trainIndexes.Select(i => labels[i]).Where(l => l is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var name in classes.Where(c => !inTrain.Contains(c)))
        {
            errors.Add(field, $"Class '{name}' has no training items.");
        }

        MlValidationException.ThrowIfAny(errors);
        return classes;
    }
}
