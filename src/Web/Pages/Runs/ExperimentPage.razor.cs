using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Web.Pages.Registry;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>
/// One experiment's runs, sorted and filtered on the server, with metric and parameter columns to choose (remembered
/// in the browser) and checkboxes to pick 2 to 10 runs to compare.
/// </summary>
public partial class ExperimentPage
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly List<RunSummaryDto> _runs = [];
    private List<SweepDto> _sweeps = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly List<string> _columns = ["val_accuracy", "train_loss"];
    private readonly HashSet<Guid> _selected = [];
    private string _sortBy = "created";
    private bool _descending = true;
    private string? _filter;
    private string? _filterError;
    private bool _columnsRead;
    private ExperimentDto? _experiment;
    private RunStatus? _status;
    private string? _next;
    private bool _loaded;
    private bool _loadingMore;
    private bool _notFound;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private LocalStore Store { get; set; } = default!;

    private string ColumnsKey => $"platform.runs.columns.{Id}";

    /// <summary>What the server is asked for: nothing for the default order (newest first).</summary>
    private string? Sort => _sortBy == "created" && _descending ? null : $"{_sortBy} {(_descending ? "desc" : "asc")}";

    private string CompareHref => $"/experiments/{Id}/compare?runs={string.Join(',', _selected)}";

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;

    private IEnumerable<string> AvailableColumns => _runs.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal)
        .Concat(_runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).Select(k => "param " + k))
        .Union(_columns);

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _experiment = null;
        _runs.Clear();
        _selected.Clear();
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
        _sweeps = [.. (await Api.ListSweepsAsync(workspace.Id, Id, limit: 10, ct: _cts.Token)).Items];
        await ReadColumnsAsync();
        Page<RunSummaryDto> page;
        try
        {
            page = await Api.ListRunsAsync(workspace.Id, Id, limit: Paging.DefaultLimit, status: _status, sort: Sort, filter: _filter, ct: _cts.Token);
            _filterError = null;
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors?.GetValueOrDefault("filter") is [var message, ..])
        {
            _filterError = message;
            return;
        }
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
            var page = await Api.ListRunsAsync(ws.Id, Id, _next, Paging.DefaultLimit, _status, Sort, _filter, _cts.Token);
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

    private async Task SortAsync(string field)
    {
        // A new column starts with its best values first for metrics and score, A to Z otherwise; a second click flips it.
        if (_sortBy == field) _descending = !_descending;
        else (_sortBy, _descending) = (field, field is "score" or "created" || field.StartsWith("metrics."));
        if (Workspace is { } ws) await Feedback.TryAsync(() => LoadAsync(ws));
    }

    private async Task ApplyFilterAsync(string? filter)
    {
        _filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        if (Workspace is { } ws) await Feedback.TryAsync(() => LoadAsync(ws));
    }

    private void Select((Guid Id, bool On) change)
    {
        if (change.On && _selected.Count < RunComparisonDto.MaxRuns) _selected.Add(change.Id);
        else if (!change.On) _selected.Remove(change.Id);
    }

    private async Task Toggle(string key)
    {
        if (!_columns.Remove(key)) _columns.Add(key);
        await Store.SetAsync(ColumnsKey, string.Join('\n', _columns));
    }

    private async Task ReadColumnsAsync()
    {
        if (_columnsRead) return;
        _columnsRead = true;
        if (await Store.GetAsync(ColumnsKey) is not { } stored) return;
        _columns.Clear();
        _columns.AddRange(stored.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private async Task TrainAsync()
    {
        if (Workspace is not { } ws) return;
        var parameters = new DialogParameters<TrainDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.ExperimentId, Id } };
        var dialog = await Dialogs.ShowAsync<TrainDialog>("Train a model", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: RunDto run }) Nav.NavigateTo($"/runs/{run.Id}");
    }

    private async Task SweepAsync()
    {
        if (Workspace is not { } ws) return;
        var parameters = new DialogParameters<SweepDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.ExperimentId, Id } };
        var dialog = await Dialogs.ShowAsync<SweepDialog>("Sweep: search training settings", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: SweepDto sweep }) Nav.NavigateTo($"/sweeps/{sweep.Id}");
    }

    private async Task AutoRegisterAsync()
    {
        if (Workspace is not { } ws || _experiment is not { } e) return;
        var parameters = new DialogParameters<AutoRegisterDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Experiment, e } };
        var dialog = await Dialogs.ShowAsync<AutoRegisterDialog>("Register succeeded runs", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: ExperimentDto updated }) _experiment = updated;
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
        ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
