using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>The project page's actions: edit details or labels, pre-label, retrain, the queue order, make a dataset version, delete.</summary>
public partial class AnnotationProjectPage
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    private async Task EditLabelsAsync()
    {
        if (Workspace is not { } ws || _project is not { } p) return;
        var parameters = new DialogParameters<EditLabelsDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Project, p } };
        var dialog = await Dialogs.ShowAsync<EditLabelsDialog>($"Labels of {p.Name}", parameters, Options);
        if (await dialog.Result is { Canceled: false, Data: AnnotationProjectDto saved })
        {
            _project = saved;
            Feedback.Success("Labels saved.");
        }
    }

    private async Task EditDetailsAsync()
    {
        if (Workspace is not { } ws || _project is not { } p) return;
        var parameters = new DialogParameters<ProjectDetailsDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Project, p } };
        var dialog = await Dialogs.ShowAsync<ProjectDetailsDialog>($"Edit {p.Name}", parameters, Options);
        if (await dialog.Result is { Canceled: false, Data: AnnotationProjectDto saved })
        {
            _project = saved;
            Feedback.Success("Project saved.");
        }
    }

    private async Task FinishAsync()
    {
        if (Workspace is not { } ws || _project is not { } p) return;
        var parameters = new DialogParameters<FinishDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Project, p } };
        var dialog = await Dialogs.ShowAsync<FinishDialog>($"New version of {p.DatasetName}", parameters, Options);
        await dialog.Result;
        if (Workspace is { } now) await Feedback.TryAsync(() => LoadAsync(now));
    }

    private async Task PrelabelAsync()
    {
        if (Workspace is not { } ws || _project is not { } p || !CanPrelabel) return;
        var parameters = new DialogParameters<PrelabelDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Project, p } };
        var dialog = await Dialogs.ShowAsync<PrelabelDialog>($"Pre-label {p.Name}", parameters, Options);
        await dialog.Result;
        if (Workspace is { } now) await Feedback.TryAsync(() => LoadAsync(now));
    }

    private async Task RetrainAsync()
    {
        if (Workspace is not { } ws || _project is not { } p || !CanRetrain) return;
        var parameters = new DialogParameters<RetrainDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Project, p } };
        var dialog = await Dialogs.ShowAsync<RetrainDialog>($"Retrain on {p.Name}", parameters, Options);
        await dialog.Result;
        if (Workspace is { } now) await Feedback.TryAsync(() => LoadAsync(now));
    }

    /// <summary>The switch: the model's least confident items first (active learning), or item order.</summary>
    private async Task SetQueueOrderAsync(bool leastConfidentFirst)
    {
        if (Workspace is not { } ws || _project is not { } p || _savingOrder) return;
        var order = leastConfidentFirst ? AnnotationQueueOrder.LeastConfidentFirst : AnnotationQueueOrder.ItemOrder;
        if (order == p.QueueOrder) return;
        _savingOrder = true;
        await Feedback.TryAsync(async () =>
        {
            _project = await Api.UpdateAnnotationProjectAsync(ws.Id, p.Id, new UpdateAnnotationProjectRequest(QueueOrder: order), _cts.Token);
            Feedback.Success(leastConfidentFirst ? "The model's least confident items now come first." : "Items now come in dataset order.");
        });
        _savingOrder = false;
    }

    private async Task DeleteAsync()
    {
        if (Workspace is not { } ws || _project is not { } p) return;
        if (await Dialogs.ShowMessageBoxAsync($"Delete {p.Name}?",
                $"Its tasks, annotations and reviews are deleted. {p.DatasetName} and the versions already made from the project stay.",
                yesText: "Delete", cancelText: "Cancel") != true) return;
        _deleting = true;
        var deleted = await Feedback.TryAsync(async () =>
        {
            await Api.DeleteAnnotationProjectAsync(ws.Id, p.Id, _cts.Token);
            Feedback.Success($"{p.Name} deleted.");
        });
        _deleting = false;
        if (deleted) Nav.NavigateTo("/annotation");
    }
}
