using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>The workspace's experiments, newest first, with the ways to start a run or a new experiment.</summary>
public partial class Experiments
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly List<ExperimentDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _next;
    private bool _loaded;
    private bool _loadingMore;
    private bool _showDeleted;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _items.Clear();
        _next = null;
        _loaded = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        var page = await Api.ListExperimentsAsync(workspace.Id, limit: Paging.DefaultLimit, deleted: _showDeleted, ct: _cts.Token);
        _items.Clear();
        _items.AddRange(page.Items);
        _next = page.NextCursor;
        _loaded = true;
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListExperimentsAsync(ws.Id, _next, Paging.DefaultLimit, _showDeleted, _cts.Token);
            _items.AddRange(page.Items.Where(e => _items.All(i => i.Id != e.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task ShowDeletedAsync(bool value)
    {
        _showDeleted = value;
        OnWorkspaceChanged();
        if (Workspace is { } ws) await Feedback.TryAsync(() => LoadAsync(ws));
    }

    private async Task NewAsync()
    {
        if (Workspace is not { } ws) return;
        var dialog = await Dialogs.ShowAsync<ExperimentFormDialog>("New experiment", new DialogParameters<ExperimentFormDialog> { { d => d.WorkspaceId, ws.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: ExperimentDto created }) Nav.NavigateTo($"/experiments/{created.Id}");
    }

    private async Task TrainAsync()
    {
        if (Workspace is not { } ws) return;
        var dialog = await Dialogs.ShowAsync<TrainDialog>("Train a model", new DialogParameters<TrainDialog> { { d => d.WorkspaceId, ws.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: RunDto run }) Nav.NavigateTo($"/runs/{run.Id}");
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type != LiveEvents.RunChanged || e.Message == nameof(RunStatus.Running)) return;
        ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
