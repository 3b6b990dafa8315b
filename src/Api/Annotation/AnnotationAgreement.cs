namespace Platform.Api.Annotation;

/// <summary>
/// Agreement figures of a project from the items two or more people annotated (not the labels that came with the
/// version): over all, per label and per annotator (see <see cref="AnnotationAgreementDto"/>).
/// </summary>
public static class AnnotationAgreement
{
    private sealed record Vote(Guid UserId, int? LabelId, IReadOnlyList<AnnotationBoxDto> Boxes);

    public static async Task<AnnotationAgreementDto> ReadAsync(PlatformDb db, AnnotationProject project, CancellationToken ct)
    {
        var rows = await db.AnnotationTasks.AsNoTracking()
            .Where(t => t.ProjectId == project.Id && t.State != AnnotationTaskState.Open && !t.FromVersion && t.AnnotatedBy != null)
            .Select(t => new { t.ItemId, UserId = t.AnnotatedBy!.Value, t.LabelId, t.BoxesJson }).ToListAsync(ct);
        var items = rows.GroupBy(r => r.ItemId)
            .Select(g => g.DistinctBy(r => r.UserId).Select(r => new Vote(r.UserId, r.LabelId,
                r.BoxesJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<AnnotationBoxDto>>(r.BoxesJson, PlatformClient.Json) ?? [])).ToList())
            .Where(votes => votes.Count >= 2).ToList();
        var labels = project.Labels;
        var emails = await AnnotationViews.EmailsAsync(db, items.SelectMany(i => i.Select(v => (Guid?)v.UserId)), ct);
        return project.IsDetection ? Boxes(items, labels, emails) : Classes(items, labels, emails);
    }

    private static AnnotationAgreementDto Classes(List<List<Vote>> items, IReadOnlyList<AnnotationLabelDto> labels, Dictionary<Guid, string> emails)
    {
        var choices = items.Select(i => (IReadOnlyList<int>)[.. i.Where(v => v.LabelId is not null).Select(v => v.LabelId!.Value)]).ToList();
        var (kappa, observed) = AgreementMath.Fleiss(choices);
        var perLabel = labels.Select(l => new LabelAgreementDto(l.Id, l.Name, choices.Sum(c => c.Count(x => x == l.Id)), AgreementMath.FleissCategory(choices, l.Id)))
            .Where(l => l.Uses > 0).ToList();
        var annotators = emails.Keys.Select(user =>
        {
            var mine = items.Where(i => i.Any(v => v.UserId == user && v.LabelId is not null)).ToList();
            var pairs = mine.SelectMany(i => i.Where(v => v.UserId != user && v.LabelId is not null)
                .Select(other => (Other: other.UserId, Pair: (A: i.First(v => v.UserId == user).LabelId!.Value, B: other.LabelId!.Value)))).ToList();
            var kappas = pairs.GroupBy(p => p.Other).Select(g => (Kappa: AgreementMath.Cohen([.. g.Select(p => p.Pair)]), Weight: g.Count()))
                .Where(k => k.Kappa is not null).ToList();
            double? mean = kappas.Count == 0 ? null : kappas.Sum(k => k.Kappa!.Value * k.Weight) / kappas.Sum(k => k.Weight);
            double? percent = pairs.Count == 0 ? null : pairs.Count(p => p.Pair.A == p.Pair.B) / (double)pairs.Count;
            return new AnnotatorAgreementDto(user, emails[user], mine.Count, mean, percent);
        }).OrderBy(a => a.Email, StringComparer.Ordinal).ToList();
        return new AnnotationAgreementDto("Fleiss' kappa", items.Count, kappa, observed, perLabel, annotators);
    }

    private static AnnotationAgreementDto Boxes(List<List<Vote>> items, IReadOnlyList<AnnotationLabelDto> labels, Dictionary<Guid, string> emails)
    {
        var pairs = items.SelectMany(i => i.SelectMany((a, x) => i.Skip(x + 1).Select(b => (A: a, B: b)))).ToList();
        var scores = pairs.Select(p => (p.A.UserId, Other: p.B.UserId, F1: AgreementMath.BoxF1(p.A.Boxes, p.B.Boxes))).ToList();
        double? overall = scores.Count == 0 ? null : scores.Average(s => s.F1);
        double? exact = scores.Count == 0 ? null : scores.Count(s => s.F1 >= 1 - 1e-9) / (double)scores.Count;
        var perLabel = labels.Select(l =>
        {
            var uses = items.Sum(i => i.Sum(v => v.Boxes.Count(b => b.LabelId == l.Id)));
            var f1 = pairs.Where(p => p.A.Boxes.Any(b => b.LabelId == l.Id) || p.B.Boxes.Any(b => b.LabelId == l.Id))
                .Select(p => AgreementMath.BoxF1([.. p.A.Boxes.Where(b => b.LabelId == l.Id)], [.. p.B.Boxes.Where(b => b.LabelId == l.Id)])).ToList();
            return new LabelAgreementDto(l.Id, l.Name, uses, f1.Count == 0 ? null : f1.Average());
        }).Where(l => l.Uses > 0).ToList();
        var annotators = emails.Keys.Select(user =>
        {
            var mine = scores.Where(s => s.UserId == user || s.Other == user).ToList();
            return new AnnotatorAgreementDto(user, emails[user], items.Count(i => i.Any(v => v.UserId == user)),
                mine.Count == 0 ? null : mine.Average(s => s.F1), mine.Count == 0 ? null : mine.Count(s => s.F1 >= 1 - 1e-9) / (double)mine.Count);
        }).OrderBy(a => a.Email, StringComparer.Ordinal).ToList();
        return new AnnotationAgreementDto("IoU-matched F1", items.Count, overall, exact, perLabel, annotators);
    }
}
