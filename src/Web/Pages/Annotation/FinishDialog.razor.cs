using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>Starts the finish operation and follows it; once it succeeded, re-reads the project for the new version's number.</summary>
public partial class FinishDialog
{
    private bool _includeUnreviewed = new FinishAnnotationRequest().IncludeUnreviewed;
    private OperationDto? _operation;
    private int? _version;
    private string? _error;
    private bool _starting;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public AnnotationProjectDto Project { get; set; } = default!;

    private async Task StartAsync()
    {
        if (_starting) return;
        _starting = true;
        _error = null;
        try
        {
            _operation = await Api.FinishAnnotationProjectAsync(WorkspaceId, Project.Id, new FinishAnnotationRequest(_includeUnreviewed));
        }
        catch (PlatformApiException ex) when (ex.Status != HttpStatusCode.Unauthorized)
        {
            _error = ex.UserMessage;
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task FinishedAsync(OperationDto op)
    {
        _operation = op;
        _error = op.State switch
        {
            OperationState.Failed => op.Message ?? "Making the version failed.",
            OperationState.Cancelled => "Making the version was canceled.",
            _ => null,
        };
        if (op.State != OperationState.Succeeded) return;
        await Feedback.TryAsync(async () => _version = (await Api.GetAnnotationProjectAsync(WorkspaceId, Project.Id)).LastVersionNumber);
    }
}
