using Platform.Api.Datasets;

namespace Platform.Api.Runs;

/// <summary>What a run or a sweep trains on, resolved and checked once for both.</summary>
public sealed record TrainingTarget(Dataset Dataset, DatasetVersion Version, string Template, Experiment Experiment);

public static class TrainingTargets
{
    /// <summary>The dataset version (404), a template that fits it (400 on "template"), and the experiment (404, or 409 when deleted).</summary>
    public static async Task<(TrainingTarget? Target, ValidationProblem? Invalid, ProblemHttpResult? Problem)> ResolveAsync(
        PlatformDb db, WorkspaceMember member, Guid datasetId, int number, string? requestedTemplate, Guid? experimentId, TimeProvider clock,
        CancellationToken ct)
    {
        var dataset = await db.FindDatasetAsync(member, datasetId, ct);
        var version = dataset is null ? null : await db.FindVersionAsync(member, datasetId, number, ct);
        if (version is null) return (null, null, Problems.NotFound("The dataset version"));
        if (dataset!.IsDeleted) return (null, null, Problems.Conflict("The dataset is deleted; restore it to train on it."));
        var proposal = TrainingProposals.For(dataset, version);
        var template = requestedTemplate ?? proposal.Template;
        var validation = new Validation();
        if (template is null || proposal.Template is null) return (null, validation.Add("template", proposal.Reason).Problem(), null);
        if (!proposal.Templates.Contains(template))
            return (null, validation.Add("template", TrainingTemplates.Find(template) is { } known
                ? $"Template '{template}' trains on {Dataset.Describe(known.Kind)}; this version holds {Dataset.Describe(version.Kind)}."
                    + (proposal.Templates.Count > 0 ? $" Use {string.Join(" or ", proposal.Templates)}." : "")
                : $"Unknown template '{template}'. Known templates: {string.Join(", ", TrainingTemplates.All.Select(t => t.Name))}.").Problem(), null);

        var experiment = experimentId is { } id ? await db.FindExperimentAsync(member, id, ct) : await db.DefaultExperimentAsync(member, clock, ct);
        if (experiment is null) return (null, null, Problems.NotFound("The experiment"));
        if (experiment.IsDeleted) return (null, null, Problems.Conflict("The experiment is deleted; restore it or choose another."));
        return (new TrainingTarget(dataset, version, template, experiment), null, null);
    }
}
