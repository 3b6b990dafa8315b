using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Components;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// Starts a retrain (a new version from the labels so far, then a training run on it) and follows the operation; once it
/// succeeded, re-reads the project for the run it started.
/// </summary>
public partial class RetrainDialog
{
    private const double MinMinutes = 0.1;
    private const double MaxMinutes = 24 * 60;
    private readonly string _formId = "retrain-form-" + Guid.NewGuid().ToString("N");
    private double _minutes = 5;
    private Guid? _runId;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    private OperationLaunch Launch => _launch ??= new(Feedback);
    private OperationLaunch? _launch;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public AnnotationProjectDto Project { get; set; } = default!;

    private string Experiment => $"Annotation · {Project.Name}";
    private bool BudgetValid => _minutes is >= MinMinutes and <= MaxMinutes;
    private bool CanStart => !Launch.Starting && BudgetValid;

    private async Task StartAsync()
    {
        if (!CanStart) return;
        await Launch.StartAsync(() => Api.RetrainAnnotationProjectAsync(WorkspaceId, Project.Id, new RetrainRequest(_minutes)));
    }

    private async Task FinishedAsync(OperationDto op)
    {
        Launch.Finished(op, "Retraining");
        if (op.State != OperationState.Succeeded) return;
        await Feedback.TryAsync(async () => _runId = (await Api.GetAnnotationProjectAsync(WorkspaceId, Project.Id)).RetrainRunId);
    }
}
