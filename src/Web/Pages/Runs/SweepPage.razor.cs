using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Components.Charts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>A sweep: its trials as they run, a parallel-coordinates view of settings against score, and the best trial marked.</summary>
public partial class SweepPage
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(1));
    private readonly CancellationTokenSource _cts = new();
    private SweepDto? _sweep;
    private bool _notFound;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;

    // The last axis is the sweep's validation metric, which stopped trials have too (they have no score).
    private IReadOnlyList<string> Axes => [.. _sweep!.Parameters.Select(p => p.Name), _sweep.Metric];

    private IReadOnlySet<string> LogAxes => _sweep!.Parameters.Where(p => p.Log).Select(p => p.Name).ToHashSet();

    private IReadOnlyList<ParallelCoordinates.Line> Lines => _sweep!.Runs.Where(t => t.Status is not null).Select(t =>
        new ParallelCoordinates.Line($"Trial {t.Index + 1}: {_sweep.Metric} {t.Metric?.ToString("0.####") ?? "none"}, score {t.Score?.ToString("0.####") ?? "none"}",
            new Dictionary<string, double>(t.Values) { [_sweep.Metric] = t.Metric ?? double.NaN }, t.RunId == _sweep.BestRunId && t.RunId is not null,
            t.Status == RunStatus.Cancelled)).ToList();

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _sweep = null;
        _notFound = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        _reload.Ran();
        try { _sweep = await Api.GetSweepAsync(workspace.Id, Id, _cts.Token); }
        catch (PlatformApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound) { _notFound = true; }
    }

    private async Task CancelAsync()
    {
        if (Workspace is not { } ws) return;
        await Feedback.TryAsync(async () =>
        {
            _sweep = await Api.CancelSweepAsync(ws.Id, Id, _cts.Token);
            Feedback.Success("The sweep is being cancelled with its trials.");
        });
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (_sweep is null || e.Type is not (LiveEvents.RunChanged or LiveEvents.OperationChanged)) return;
        ReloadSoon(_reload, _cts.Token);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
