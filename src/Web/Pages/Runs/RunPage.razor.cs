using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Pages.Registry;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>One run, live: status and progress, metric charts, log, results and details, updated by the hub's run events.</summary>
public partial class RunPage
{
    private readonly CancellationTokenSource _cts = new();
    private readonly SortedDictionary<string, List<MetricPointDto>> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MetricPointDto>> _zoomed = [];
    private readonly List<RunLogLineDto> _log = [];
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private RunDto? _run;
    private EvaluationDto? _evaluation;
    private long _lastMetricId;
    private long _lastLogId;
    private bool _notFound;
    private bool _cancelling;
    private int _tab;
    private int _registered;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;
    private bool Finished => _run?.Status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;
    private IReadOnlyList<RunLogLineDto> LastLines => _log.Count <= 8 ? _log : _log[^8..];

    private string Subtitle => _run is not { } r ? "" : string.Join(" · ", new[]
    {
        r.Source == RunSource.Tracking ? "Logged by code that runs elsewhere" : $"Trains {r.Template}",
        r.CreatedByEmail is { } by ? $"started by {by}" : null,
        Format.Relative(r.CreatedAt),
    }.Where(s => s is not null));

    private List<BreadcrumbItem> Crumbs => _run is not { } r ? [] :
    [
        new("Experiments", "/experiments"), new(r.ExperimentName, $"/experiments/{r.ExperimentId}"), new(r.Name, null, disabled: true),
    ];

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _run = null;
        _notFound = false;
        _series.Clear();
        _zoomed.Clear();
        _log.Clear();
        _evaluation = null;
        _lastMetricId = _lastLogId = 0;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        try
        {
            _run = await Api.GetRunAsync(workspace.Id, Id, _cts.Token);
        }
        catch (PlatformApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            _notFound = true;
            return;
        }
        var metrics = await Api.GetRunMetricsAsync(workspace.Id, Id, maxPoints: 1000, ct: _cts.Token);
        foreach (var s in metrics.Series) _series[s.Name] = [.. s.Points];
        _lastMetricId = metrics.LastId;
        var log = await Api.GetRunLogAsync(workspace.Id, Id, ct: _cts.Token);
        _log.AddRange(log.Lines);
        _lastLogId = log.LastId;
        await LoadEvaluationAsync(workspace.Id);
    }

    private async Task LoadEvaluationAsync(Guid ws)
    {
        if (_run is { HasEvaluation: true } && _evaluation is null) _evaluation = await Api.GetRunEvaluationAsync(ws, Id, _cts.Token);
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.ResourceId != Id.ToString() || Workspace is not { } ws || _run is null) return;
        _ = InvokeAsync(async () =>
        {
            await _fetching.WaitAsync(_cts.Token);
            try
            {
                await Feedback.TryAsync(() => e.Type switch
                {
                    LiveEvents.RunMetrics => AppendMetricsAsync(ws.Id),
                    LiveEvents.RunLog => AppendLogAsync(ws.Id),
                    LiveEvents.RunChanged => RefreshRunAsync(ws.Id),
                    _ => Task.CompletedTask,
                });
            }
            finally
            {
                _fetching.Release();
            }
            StateHasChanged();
        });
    }

    private async Task AppendMetricsAsync(Guid ws)
    {
        var added = await Api.GetRunMetricsAsync(ws, Id, afterId: _lastMetricId, ct: _cts.Token);
        foreach (var s in added.Series)
        {
            if (!_series.TryGetValue(s.Name, out var points)) _series[s.Name] = points = [];
            points.AddRange(s.Points);
        }
        _lastMetricId = Math.Max(_lastMetricId, added.LastId);
    }

    private async Task AppendLogAsync(Guid ws)
    {
        var added = await Api.GetRunLogAsync(ws, Id, afterId: _lastLogId, ct: _cts.Token);
        _log.AddRange(added.Lines);
        _lastLogId = Math.Max(_lastLogId, added.LastId);
    }

    private async Task RefreshRunAsync(Guid ws)
    {
        _run = await Api.GetRunAsync(ws, Id, _cts.Token);
        if (Finished)
        {
            await AppendMetricsAsync(ws);
            await AppendLogAsync(ws);
            await LoadEvaluationAsync(ws);
            _registered++; // an experiment that registers its runs does so as the run ends
        }
    }

    private async Task ZoomAsync((string Name, long From, long To) zoom)
    {
        if (Workspace is not { } ws) return;
        await Feedback.TryAsync(async () =>
        {
            var names = zoom.Name == "loss" ? new[] { "train_loss", "val_loss" } : [zoom.Name];
            foreach (var name in names)
            {
                var range = await Api.GetRunMetricsAsync(ws.Id, Id, maxPoints: 5000, name: name, fromStep: zoom.From, toStep: zoom.To, ct: _cts.Token);
                _zoomed[name] = range.Series.SingleOrDefault()?.Points.ToList() ?? [];
            }
        });
    }

    private void ResetZoom(string name)
    {
        _zoomed.Remove(name);
        if (name == "loss") { _zoomed.Remove("train_loss"); _zoomed.Remove("val_loss"); }
    }

    private async Task CancelAsync()
    {
        if (Workspace is not { } ws) return;
        _cancelling = true;
        await Feedback.TryAsync(async () =>
        {
            _run = await Api.CancelRunAsync(ws.Id, Id, _cts.Token);
            Feedback.Success("The run was cancelled.");
        });
        _cancelling = false;
    }

    private async Task SetPriorityAsync(RunPriority priority)
    {
        if (Workspace is not { } ws) return;
        await Feedback.TryAsync(async () =>
        {
            _run = await Api.SetRunPriorityAsync(ws.Id, Id, priority, _cts.Token);
            Feedback.Success(_run.QueuePosition is { } p ? $"Priority {priority}: position {p} in the queue." : $"Priority {priority}.");
        });
    }

    private async Task TrainAgainAsync()
    {
        if (Workspace is not { } ws || _run?.Dataset is not { } d) return;
        var parameters = new DialogParameters<TrainDialog>
        {
            { x => x.WorkspaceId, ws.Id }, { x => x.DatasetId, d.DatasetId }, { x => x.Version, d.Version }, { x => x.ExperimentId, _run.ExperimentId },
        };
        var dialog = await Dialogs.ShowAsync<TrainDialog>($"Train on {d.Name} v{d.Version}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: RunDto run }) Nav.NavigateTo($"/runs/{run.Id}");
    }

    private async Task RegisterAsync()
    {
        if (Workspace is not { } ws || _run is not { } run) return;
        var parameters = new DialogParameters<RegisterModelDialog> { { x => x.WorkspaceId, ws.Id }, { x => x.Run, run } };
        var dialog = await Dialogs.ShowAsync<RegisterModelDialog>("Register the model", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false }) _registered++;
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
