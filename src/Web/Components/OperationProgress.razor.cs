using System.Globalization;
using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Components;

/// <summary>
/// Shows an operation's state, progress and message. Re-reads it when an operation.changed event names it (at most
/// twice a second), polls while the live connection is down, and raises <see cref="OnFinished"/> once when it ends.
/// </summary>
public partial class OperationProgress : IDisposable
{
    private readonly Throttle _refresh = new(TimeSpan.FromMilliseconds(500));
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource _cts = new();
    private OperationDto? _op;
    private Guid? _trackedId;
    private bool _finishReported;
    private PeriodicTimer? _ticker;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    /// <summary>The operation as the start call returned it; a different id starts tracking that one.</summary>
    [Parameter, EditorRequired] public OperationDto? Operation { get; set; }
    [Parameter] public string? Title { get; set; }
    [Parameter] public string TestId { get; set; } = "operation";
    /// <summary>Extra buttons at the end of the first line (a download link once it succeeded).</summary>
    [Parameter] public RenderFragment<OperationDto>? Actions { get; set; }
    /// <summary>False when the caller shows the final message itself (as a success or error alert).</summary>
    [Parameter] public bool ShowFinishedMessage { get; set; } = true;
    [Parameter] public EventCallback<OperationDto> OnChanged { get; set; }
    [Parameter] public EventCallback<OperationDto> OnFinished { get; set; }

    protected override void OnInitialized()
    {
        State.Live.Received += OnLiveEvent;
        _ticker = new PeriodicTimer(PollInterval);
        _ = TickAsync(_ticker);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Operation?.Id == _trackedId) return;
        _trackedId = Operation?.Id;
        _op = Operation;
        _finishReported = false;
        if (_op is null) return;
        // A fast worker may have finished before anyone listened: read it once now.
        if (_op.IsFinished()) await ReportFinishedAsync(_op);
        else await RefreshAsync();
    }

    private static string Percent(OperationDto op) =>
        OperationStatus.Percent(op.Progress).ToString("0", CultureInfo.InvariantCulture);

    private static string Describe(OperationDto op)
    {
        if (op.FinishedAt is { } done) return "finished " + Format.Relative(done);
        if (op.State == OperationState.Queued) return "waiting for a worker";
        return (op.WorkerName is null ? "" : $"on {op.WorkerName} · ") + "started " + Format.Relative(op.StartedAt ?? op.CreatedAt);
    }

    private async Task RefreshAsync()
    {
        if (_op is not { } op) return;
        _refresh.Ran();
        OperationDto fresh;
        try
        {
            fresh = await Api.GetOperationAsync(op.WorkspaceId, op.Id, _cts.Token);
        }
        catch (OperationCanceledException) { return; }
        catch (HttpRequestException) { return; } // The next poll tries again.
        catch (PlatformApiException ex)
        {
            await Feedback.ErrorAsync(ex);
            return;
        }
        if (_op?.Id != fresh.Id) return;
        var changed = fresh != _op;
        _op = fresh;
        if (changed) await OnChanged.InvokeAsync(fresh);
        if (fresh.IsFinished()) await ReportFinishedAsync(fresh);
    }

    private async Task ReportFinishedAsync(OperationDto op)
    {
        if (_finishReported) return;
        _finishReported = true;
        await OnFinished.InvokeAsync(op);
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type != LiveEvents.OperationChanged || _op is not { } op || op.IsFinished()) return;
        if (!Guid.TryParse(e.ResourceId, out var id) || id != op.Id) return;
        _ = InvokeAsync(() => _refresh.RunAsync(async () =>
        {
            await RefreshAsync();
            StateHasChanged();
        }, _cts.Token));
    }

    /// <summary>Polls while the live connection is down (and now and then anyway); keeps relative times current.</summary>
    private async Task TickAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                await InvokeAsync(async () =>
                {
                    if (_op is { } op && !op.IsFinished()
                        && (State.Live.Status != LiveStatus.Live || DateTimeOffset.UtcNow - _refresh.Last > SafetyInterval))
                        await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) { }
    }

    public void Dispose()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _ticker?.Dispose();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
