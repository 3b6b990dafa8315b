namespace Platform.Api.Datasets;

/// <summary>
/// Items added, removed and relabeled between two versions (matched by path; a changed class or changed boxes is a
/// relabel), and per-class counts.
/// </summary>
public static class VersionDiff
{
    private const int MaxExamples = 50;

    public static async Task<VersionDiffDto> ComputeAsync(PlatformDb db, DatasetVersion from, DatasetVersion to, CancellationToken ct)
    {
        var before = await LabelsAsync(db, from.Id, ct);
        var after = await LabelsAsync(db, to.Id, ct);
        var examples = new List<ItemChangeDto>();
        int added = 0, removed = 0, relabeled = 0, unchanged = 0;
        foreach (var (path, now) in after)
        {
            if (!before.TryGetValue(path, out var old)) { added++; Note(examples, path, null, now.Label ?? ""); }
            else if (old != now) { relabeled++; Note(examples, path, old.Label ?? "", now.Label ?? ""); }
            else unchanged++;
        }
        foreach (var (path, old) in before)
            if (!after.ContainsKey(path)) { removed++; Note(examples, path, old.Label ?? "", null); }
        var countsBefore = Count(before.Values);
        var countsAfter = Count(after.Values);
        var classes = countsBefore.Keys.Union(countsAfter.Keys).Order(StringComparer.Ordinal)
            .Select(l => new ClassDiffDto(l, countsBefore.GetValueOrDefault(l), countsAfter.GetValueOrDefault(l))).ToList();
        return new VersionDiffDto(from.Number, to.Number, added, removed, relabeled, unchanged, classes, examples);
    }

    private static Dictionary<string, int> Count(IEnumerable<Labels> labels) =>
        labels.Where(l => l.Label is not null).GroupBy(l => l.Label!).ToDictionary(g => g.Key, g => g.Count());

    private static void Note(List<ItemChangeDto> examples, string path, string? from, string? to)
    {
        if (examples.Count < MaxExamples) examples.Add(new ItemChangeDto(path, from, to));
    }

    private static Task<Dictionary<string, Labels>> LabelsAsync(PlatformDb db, Guid versionId, CancellationToken ct) =>
        db.DatasetItems.AsNoTracking().Where(i => i.VersionId == versionId)
            .Select(i => new { i.Path, i.Label, i.BoxesJson }).ToDictionaryAsync(i => i.Path, i => new Labels(i.Label, i.BoxesJson), ct);

    private readonly record struct Labels(string? Label, string? Boxes);
}
