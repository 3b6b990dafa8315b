namespace Platform.Api.Annotation;

/// <summary>
/// Inter-annotator agreement. Fleiss' kappa in its form for any number of raters per item (two or more), Fleiss'
/// per-category kappa, Cohen's kappa for two raters, and F1 of boxes matched one to one by IoU.
/// </summary>
public static class AgreementMath
{
    public const double MatchIoU = 0.5;

    /// <summary>Each item is the categories its raters chose; items with fewer than two are skipped. Null when undefined.</summary>
    public static (double? Kappa, double? Observed) Fleiss(IReadOnlyList<IReadOnlyList<int>> items)
    {
        var rated = items.Where(i => i.Count >= 2).ToList();
        if (rated.Count == 0) return (null, null);
        var observed = rated.Average(i => i.GroupBy(c => c).Sum(g => (double)g.Count() * (g.Count() - 1)) / (i.Count * (i.Count - 1.0)));
        var total = (double)rated.Sum(i => i.Count);
        var expected = rated.SelectMany(i => i).GroupBy(c => c).Sum(g => Math.Pow(g.Count() / total, 2));
        return (expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected), observed);
    }

    /// <summary>Fleiss' kappa of one category: how much more than by chance raters agree on it. Null when nobody or everybody chose it.</summary>
    public static double? FleissCategory(IReadOnlyList<IReadOnlyList<int>> items, int category)
    {
        var rated = items.Where(i => i.Count >= 2).ToList();
        var total = (double)rated.Sum(i => i.Count);
        if (total == 0) return null;
        var p = rated.Sum(i => i.Count(c => c == category)) / total;
        var pairs = rated.Sum(i => i.Count * (i.Count - 1.0));
        if (p * (1 - p) < 1e-12 || pairs == 0) return null;
        var disagreements = rated.Sum(i => { var x = i.Count(c => c == category); return x * (double)(i.Count - x); });
        return 1 - disagreements / (pairs * p * (1 - p));
    }

    /// <summary>Cohen's kappa of two raters over the items both labeled (their two choices per item).</summary>
    public static double? Cohen(IReadOnlyList<(int A, int B)> pairs)
    {
        if (pairs.Count == 0) return null;
        var observed = pairs.Count(p => p.A == p.B) / (double)pairs.Count;
        var expected = pairs.Select(p => p.A).Concat(pairs.Select(p => p.B)).Distinct()
            .Sum(c => pairs.Count(p => p.A == c) / (double)pairs.Count * (pairs.Count(p => p.B == c) / (double)pairs.Count));
        return expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
    }

    /// <summary>
    /// F1 of two annotations' boxes: pairs with the same label and IoU ≥ 0.5 matched one to one, best IoU first;
    /// 2·matches ÷ (boxes of both). Two empty images agree fully.
    /// </summary>
    public static double BoxF1(IReadOnlyList<AnnotationBoxDto> a, IReadOnlyList<AnnotationBoxDto> b)
    {
        if (a.Count + b.Count == 0) return 1;
        var candidates = new List<(int I, int J, double IoU)>();
        for (var i = 0; i < a.Count; i++)
            for (var j = 0; j < b.Count; j++)
                if (a[i].LabelId == b[j].LabelId && IoU(a[i], b[j]) is var iou && iou >= MatchIoU) candidates.Add((i, j, iou));
        var (usedA, usedB, matches) = (new HashSet<int>(), new HashSet<int>(), 0);
        foreach (var (i, j, _) in candidates.OrderByDescending(c => c.IoU))
            if (usedA.Add(i))
            {
                if (usedB.Add(j)) matches++;
                else usedA.Remove(i);
            }
        return 2.0 * matches / (a.Count + b.Count);
    }

    public static double IoU(AnnotationBoxDto a, AnnotationBoxDto b)
    {
        var w = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0) return 0;
        var inter = w * h;
        return inter / (a.Width * a.Height + b.Width * b.Height - inter);
    }
}
