using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Annotation;

/// <summary>
/// Sends the whole new schema. The server refuses (409) to remove a label that annotations use: the dialog then shows
/// its message and, if the user agrees, sends again with <see cref="UpdateAnnotationProjectRequest.RemoveAnnotationsOfRemovedLabels"/>.
/// </summary>
public partial class EditLabelsDialog
{
    private readonly FieldErrors _errors = new();
    private List<LabelDraft> _labels = [];
    private bool _saving;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public AnnotationProjectDto Project { get; set; } = default!;

    private List<AnnotationLabelDto> Removed => [.. Project.Labels.Where(l => _labels.All(d => d.Id != l.Id))];

    protected override void OnInitialized() => _labels = [.. Project.Labels.Select(LabelDraft.From)];

    private async Task SaveAsync()
    {
        if (_saving) return;
        _errors.Clear();
        if (LabelDraft.Problem(_labels, required: true) is { } problem)
        {
            _errors.Set(ProblemFields.Labels, problem);
            return;
        }
        _saving = true;
        try
        {
            var labels = LabelDraft.ToInputs(_labels);
            AnnotationProjectDto saved;
            try
            {
                saved = await Api.UpdateAnnotationProjectAsync(WorkspaceId, Project.Id, new UpdateAnnotationProjectRequest(Labels: labels));
            }
            catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.Conflict)
            {
                if (!await ConfirmRemovingAsync(ex.UserMessage)) return;
                saved = await Api.UpdateAnnotationProjectAsync(WorkspaceId, Project.Id,
                    new UpdateAnnotationProjectRequest(Labels: labels, RemoveAnnotationsOfRemovedLabels: true));
            }
            Dialog.Close(DialogResult.Ok(saved));
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            if (ProblemFields.Apply(_errors, ex, ProblemFields.Labels) is { Length: > 0 } rest) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task<bool> ConfirmRemovingAsync(string serverMessage) =>
        await Dialogs.ShowMessageBoxAsync("Remove labels that are in use?",
            serverMessage + " Removing them also removes those annotations (boxes of the label, or the class of the items), which cannot be undone.",
            yesText: "Remove labels and their annotations", cancelText: "Keep them") == true;
}
