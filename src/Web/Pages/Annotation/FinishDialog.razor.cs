using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Components;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>Starts the finish operation and follows it; once it succeeded, re-reads the project for the new version's number.</summary>
public partial class FinishDialog
{
    private bool _includeUnreviewed = new FinishAnnotationRequest().IncludeUnreviewed;
    private int? _version;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    private OperationLaunch Launch => _launch ??= new(Feedback);
    private OperationLaunch? _launch;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public AnnotationProjectDto Project { get; set; } = default!;

    private async Task StartAsync()
    {
        await Launch.StartAsync(() => Api.FinishAnnotationProjectAsync(WorkspaceId, Project.Id, new FinishAnnotationRequest(_includeUnreviewed)));
    }

    private async Task FinishedAsync(OperationDto op)
    {
        Launch.Finished(op, "Making the version");
        if (op.State != OperationState.Succeeded) return;
        await Feedback.TryAsync(async () => _version = (await Api.GetAnnotationProjectAsync(WorkspaceId, Project.Id)).LastVersionNumber);
    }
}
