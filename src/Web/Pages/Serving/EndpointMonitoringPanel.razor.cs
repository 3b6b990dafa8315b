using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Serving;

/// <summary>
/// Reads the endpoint's monitoring when shown and when the window changes; then when the page hears that new counts were
/// written (at most once a second), shortly after a try-it answer if no such news came, and every half minute as the window moves on.
/// </summary>
public partial class EndpointMonitoringPanel : IDisposable
{
    private static readonly (int Minutes, string Label, string Phrase)[] Windows =
        [(15, "15 min", "last 15 minutes"), (60, "1 hour", "last hour"), (24 * 60, "24 hours", "last 24 hours")];
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterAnswer = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _throttle = new(1, 1);
    private EndpointMetricsDto? _metrics;
    private MonitoringView? _view;
    private int _minutes = 60;
    private DateTimeOffset _lastRead, _lastNews;
    private bool _queued, _loading, _failing;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid EndpointId { get; set; }

    private string WindowPhrase => Windows.First(w => w.Minutes == _minutes).Phrase;

    protected override async Task OnInitializedAsync()
    {
        _ = RereadWhileShownAsync();
        await ReadShowingProgressAsync();
    }

    /// <summary>New counts were written (the page's live event); re-reads at most once a second.</summary>
    public void Refresh()
    {
        if (_cts.IsCancellationRequested) return;
        _lastNews = DateTimeOffset.UtcNow;
        _ = InvokeAsync(ThrottledReadAsync);
    }

    /// <summary>The try-it panel got an answer: re-reads in a moment, unless new counts are announced before.</summary>
    public void RefreshSoon()
    {
        if (_cts.IsCancellationRequested) return;
        var answered = DateTimeOffset.UtcNow;
        _ = InvokeAsync(async () =>
        {
            try { await Task.Delay(AfterAnswer, _cts.Token); }
            catch (OperationCanceledException) { return; }
            if (_lastNews < answered) await ThrottledReadAsync();
        });
    }

    private async Task ChangeWindowAsync(int minutes)
    {
        if (minutes == _minutes) return;
        _minutes = minutes;
        await ReadShowingProgressAsync();
    }

    private async Task ReadShowingProgressAsync()
    {
        _loading = true;
        try { await ReadAsync(); }
        finally { _loading = false; }
    }

    /// <summary>One read waits for the previous one and a second after it started; news while it waits needs no other read.</summary>
    private async Task ThrottledReadAsync()
    {
        if (_queued) return;
        _queued = true;
        try { await _throttle.WaitAsync(_cts.Token); }
        catch (OperationCanceledException) { return; }
        try
        {
            var wait = _lastRead + MinInterval - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _cts.Token);
            _queued = false;
            await ReadAsync();
            if (!_cts.IsCancellationRequested) StateHasChanged();
        }
        catch (OperationCanceledException) { }
        finally
        {
            _throttle.Release();
        }
    }

    private async Task RereadWhileShownAsync()
    {
        var stop = _cts.Token;
        using var timer = new PeriodicTimer(Idle);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                if (DateTimeOffset.UtcNow - _lastRead >= Idle) await InvokeAsync(ThrottledReadAsync);
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReadAsync()
    {
        var minutes = _minutes;
        _lastRead = DateTimeOffset.UtcNow;
        try
        {
            var metrics = await Api.GetEndpointMetricsAsync(WorkspaceId, EndpointId, minutes, _cts.Token);
            if (minutes != _minutes) return;
            (_metrics, _view) = (metrics, MonitoringView.Of(metrics, DateTimeOffset.UtcNow));
            _failing = false;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested) { }
        catch (Exception ex)
        {
            // Live reads keep coming while the server fails; one message is enough until a read works again.
            if (!_failing) await Feedback.ErrorAsync(ex);
            _failing = true;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
