namespace Platform.Api.Runs;

/// <summary>Which template fits a version's content, or why none does.</summary>
public static class TrainingProposals
{
    public const double DefaultBudgetMinutes = 30;

    public static TrainingProposalDto For(Dataset dataset, DatasetVersion version)
    {
        var summary = VersionSummary.FromJson(version.SummaryJson);
        var templates = TrainingTemplates.For(version.Kind);
        var (template, reason) = Propose(version, summary, templates);
        return new TrainingProposalDto(dataset.Id, version.Number, template, templates, reason, DefaultBudgetMinutes, summary.Classes, version.ItemCount);
    }

    private static (string? Template, string Reason) Propose(DatasetVersion version, VersionSummary summary, IReadOnlyList<string> templates)
    {
        if (version.ItemCount == 0) return (null, "The version has no items to train on.");
        switch (version.Kind)
        {
            case DatasetKind.ObjectDetection:
                return (null, "No template trains object detection (boxes) yet; the image templates classify whole images.");
            case DatasetKind.Table:
                var target = summary.Columns.FirstOrDefault(c => c.IsTarget);
                if (target is null) return (null, "The table has no target column; choose the column to predict on the dataset's Stats tab or import it again with a target.");
                return target.Type == ColumnType.Number
                    ? (TrainingTemplates.TabularRegression, $"The target column '{target.Name}' holds numbers: regression predicts its value.")
                    : (TrainingTemplates.TabularClassification, $"The target column '{target.Name}' holds categories: classification predicts one of them.");
            default:
                if (summary.Classes.Count < 2)
                    return (null, $"Classification needs at least two classes; the version has {summary.Classes.Count}.");
                var kind = version.Kind == DatasetKind.TextClassification ? "labeled texts" : "labeled images";
                return (templates[0], $"The version holds {version.ItemCount:N0} {kind} in {summary.Classes.Count} classes.");
        }
    }
}
