using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>One experiment's runs, newest first, filtered by status, with metric and parameter columns to choose.</summary>
public partial class ExperimentPage
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly List<RunSummaryDto> _runs = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly List<string> _columns = ["val_accuracy", "train_loss"];
    private ExperimentDto? _experiment;
    private RunStatus? _status;
    private string? _next;
    private bool _loaded;
    private bool _loadingMore;
    private bool _notFound;

    [Parameter] public Guid Id { get; set; }
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;

    private IEnumerable<string> AvailableColumns => _runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal)
        .Concat(_runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).Select(k => "param " + k))
        .Union(_columns);

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _experiment = null;
        _runs.Clear();
        _loaded = _notFound = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        try
        {
            _experiment = await Api.GetExperimentAsync(workspace.Id, Id, _cts.Token);
        }
        catch (PlatformApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            _notFound = true;
            return;
        }
        var page = await Api.ListRunsAsync(workspace.Id, Id, limit: Paging.DefaultLimit, status: _status, ct: _cts.Token);
        _runs.Clear();
        _runs.AddRange(page.Items);
        _next = page.NextCursor;
        _loaded = true;
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListRunsAsync(ws.Id, Id, _next, Paging.DefaultLimit, _status, ct: _cts.Token);
            _runs.AddRange(page.Items.Where(r => _runs.All(x => x.Id != r.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task FilterAsync(RunStatus? status)
    {
        _status = status;
        if (Workspace is { } ws) await Feedback.TryAsync(() => LoadAsync(ws));
    }

    private void Toggle(string key)
    {
        if (!_columns.Remove(key)) _columns.Add(key);
    }

    private async Task TrainAsync()
    {
        if (Workspace is not { } ws) return;
        var parameters = new DialogParameters<TrainDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.ExperimentId, Id } };
        var dialog = await Dialogs.ShowAsync<TrainDialog>("Train a model", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: RunDto run }) Nav.NavigateTo($"/runs/{run.Id}");
    }

    private async Task DeleteAsync()
    {
        if (Workspace is not { } ws || _experiment is not { } e) return;
        if (await Dialogs.ShowMessageBoxAsync("Delete experiment?", $"“{e.Name}” leaves the list; its runs stay, and you can restore it from the experiment page.", yesText: "Delete", cancelText: "Cancel") != true) return;
        await Feedback.TryAsync(async () => _experiment = await Api.DeleteExperimentAsync(ws.Id, Id, _cts.Token));
    }

    private async Task RestoreAsync()
    {
        if (Workspace is not { } ws) return;
        await Feedback.TryAsync(async () => _experiment = await Api.RestoreExperimentAsync(ws.Id, Id, _cts.Token));
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type != LiveEvents.RunChanged) return;
        _ = InvokeAsync(() => _reload.RunAsync(async () =>
        {
            if (Workspace is { } ws) await Feedback.TryAsync(() => LoadAsync(ws));
            StateHasChanged();
        }, _cts.Token));
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
