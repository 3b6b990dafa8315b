using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>The dataset page's actions (edit, delete, restore, split, export), live reloads and the "u" shortcut.</summary>
public partial class DatasetPage
{
    private async Task EditAsync()
    {
        if (Workspace is not { } ws || _dataset is not { } ds) return;
        var parameters = new DialogParameters<DatasetFormDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Existing, ds } };
        var dialog = await Dialogs.ShowAsync<DatasetFormDialog>("Edit dataset", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: DatasetDto saved })
        {
            _dataset = saved;
            Feedback.Success("Dataset saved.");
        }
    }

    private async Task DeleteAsync()
    {
        if (Workspace is not { } ws || _dataset is not { } ds) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete dataset?",
            $"“{ds.Name}” and all its versions leave the list. You can restore it from “Show deleted” until its retention ends; then it is purged.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await Feedback.TryAsync(async () =>
        {
            var deleted = await Api.DeleteDatasetAsync(ws.Id, ds.Id, _cts.Token);
            Feedback.Success(deleted.PurgeAfter is { } purge
                ? $"“{deleted.Name}” deleted. It can be restored until {Format.Date(purge)}."
                : $"“{deleted.Name}” deleted.");
            Nav.NavigateTo("/datasets");
        });
    }

    private async Task RestoreAsync()
    {
        if (Workspace is not { } ws || _dataset is not { } ds) return;
        await Feedback.TryAsync(async () =>
        {
            _dataset = await Api.RestoreDatasetAsync(ws.Id, ds.Id, _cts.Token);
            Feedback.Success($"“{_dataset.Name}” restored.");
        });
    }

    private async Task TrainAsync()
    {
        if (Workspace is not { } ws || SelectedVersion is not { } v) return;
        var parameters = new DialogParameters<Runs.TrainDialog>
        {
            { d => d.WorkspaceId, ws.Id }, { d => d.DatasetId, Id }, { d => d.Version, v.Number },
        };
        var dialog = await Dialogs.ShowAsync<Runs.TrainDialog>($"Train on v{v.Number}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: RunDto run }) Nav.NavigateTo($"/runs/{run.Id}");
    }

    private async Task SplitAsync()
    {
        if (Workspace is not { } ws || SelectedVersion is not { } v) return;
        var parameters = new DialogParameters<SplitDialog>
        {
            { d => d.WorkspaceId, ws.Id }, { d => d.DatasetId, Id }, { d => d.Version, v },
        };
        var dialog = await Dialogs.ShowAsync<SplitDialog>($"Split v{v.Number}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: OperationDto op })
            _activity.Insert(0, new TrackedOperation($"Split of v{v.Number}", isExport: false, op));
    }

    private async Task ExportAsync(ExportFormatDto format)
    {
        if (Workspace is not { } ws || SelectedVersion is not { } v) return;
        await Feedback.TryAsync(async () =>
        {
            var op = await Api.StartExportAsync(ws.Id, Id, v.Number, new StartExportRequest(format.Format), _cts.Token);
            _activity.Insert(0, new TrackedOperation($"Export of v{v.Number} as {format.Name}", isExport: true, op));
        });
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type != LiveEvents.DatasetChanged || e.ResourceId != Id.ToString()) return;
        _ = InvokeAsync(() => _reload.RunAsync(async () =>
        {
            if (Workspace is { } ws && _dataset is not null) await Feedback.TryAsync(() => LoadAsync(ws));
            StateHasChanged();
        }, _cts.Token));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_shortcutId is null && _dataset is not null)
        {
            _self ??= DotNetObjectReference.Create(this);
            _shortcutId = await JS.InvokeAsync<int>("platformPortal.listenKeys", _self, new[] { "u" }, new { ignoreInDialog = true });
        }
        if (_focusUpload)
        {
            _focusUpload = false;
            await JS.InvokeVoidAsync("platformPortal.focus", "#" + UploadArea.InputId);
        }
    }

    /// <summary>"u": open the Import tab and focus the upload picker.</summary>
    [JSInvokable]
    public void OnShortcut(string key)
    {
        if (key != "u" || !CanImport) return;
        _tab = ImportTabIndex;
        _focusUpload = true;
        StateHasChanged();
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
        if (_shortcutId is { } id) _ = UnlistenAsync(id);
        if (_import is { } session) _ = session.DisposeAsync().AsTask();
    }

    private async Task UnlistenAsync(int id)
    {
        try { await JS.InvokeVoidAsync("platformPortal.unlisten", id); }
        catch (JSException) { }
        _self?.Dispose();
    }
}
