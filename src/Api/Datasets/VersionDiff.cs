namespace Platform.Api.Datasets;

/// <summary>
/// Items added, removed, relabeled (a changed class or changed boxes) and moved to another split between two versions
/// (matched by path), per-class counts, and how many moved from which split to which.
/// </summary>
public static class VersionDiff
{
    private const int MaxExamples = 50;

    public static async Task<VersionDiffDto> ComputeAsync(PlatformDb db, DatasetVersion from, DatasetVersion to, CancellationToken ct)
    {
        var before = await LabelsAsync(db, from.Id, ct);
        var after = await LabelsAsync(db, to.Id, ct);
        var examples = new List<ItemChangeDto>();
        var moves = new Dictionary<(DatasetSplit From, DatasetSplit To), int>();
        int added = 0, removed = 0, relabeled = 0, moved = 0, unchanged = 0;
        foreach (var (path, now) in after)
        {
            if (!before.TryGetValue(path, out var old)) { added++; Note(examples, new(path, null, now.Label ?? "")); continue; }
            var relabel = old.Label != now.Label || old.Boxes != now.Boxes;
            var move = old.Split != now.Split;
            if (relabel) relabeled++;
            if (move) { moved++; moves[(old.Split, now.Split)] = moves.GetValueOrDefault((old.Split, now.Split)) + 1; }
            if (!relabel && !move) unchanged++;
            else Note(examples, new(path, old.Label ?? "", now.Label ?? "", move ? old.Split : null, move ? now.Split : null));
        }
        foreach (var (path, old) in before)
            if (!after.ContainsKey(path)) { removed++; Note(examples, new(path, old.Label ?? "", null)); }
        var countsBefore = Count(before.Values);
        var countsAfter = Count(after.Values);
        var classes = countsBefore.Keys.Union(countsAfter.Keys).Order(StringComparer.Ordinal)
            .Select(l => new ClassDiffDto(l, countsBefore.GetValueOrDefault(l), countsAfter.GetValueOrDefault(l))).ToList();
        var splitMoves = moves.OrderByDescending(m => m.Value).ThenBy(m => m.Key.From).ThenBy(m => m.Key.To)
            .Select(m => new SplitMoveDto(m.Key.From, m.Key.To, m.Value)).ToList();
        return new VersionDiffDto(from.Number, to.Number, added, removed, relabeled, unchanged, classes, examples, moved, splitMoves);
    }

    private static Dictionary<string, int> Count(IEnumerable<Labels> labels) =>
        labels.Where(l => l.Label is not null).GroupBy(l => l.Label!).ToDictionary(g => g.Key, g => g.Count());

    private static void Note(List<ItemChangeDto> examples, ItemChangeDto change)
    {
        if (examples.Count < MaxExamples) examples.Add(change);
    }

    private static Task<Dictionary<string, Labels>> LabelsAsync(PlatformDb db, Guid versionId, CancellationToken ct) =>
        db.DatasetItems.AsNoTracking().Where(i => i.VersionId == versionId)
            .Select(i => new { i.Path, i.Label, i.BoxesJson, i.Split })
            .ToDictionaryAsync(i => i.Path, i => new Labels(i.Label, i.BoxesJson, i.Split), ct);

    private readonly record struct Labels(string? Label, string? Boxes, DatasetSplit Split);
}
