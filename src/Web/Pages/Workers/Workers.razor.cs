using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Workers;

/// <summary>Global list of workers; re-read when a worker.* live event arrives (at most every two seconds).</summary>
public partial class Workers : IDisposable
{
    private readonly Throttle _reload = new(TimeSpan.FromSeconds(2));
    private readonly List<WorkerDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _next;
    private bool _loading;
    private bool _loaded;
    private PeriodicTimer? _ticker;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        State.Live.Received += OnLiveEvent;
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(5));
        _ = TickAsync(_ticker);
        await LoadFirstAsync();
    }

    private static string GpuText(GpuInfoDto? gpu) => gpu is null || gpu.Count == 0
        ? "None"
        : $"{gpu.Count} × {gpu.Name ?? "GPU"}" + (gpu.MemoryBytes is { } m ? $" ({Format.Bytes(m)})" : "");

    private async Task LoadFirstAsync()
    {
        _reload.Ran();
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListWorkersAsync(null, Paging.MaxLimit, _cts.Token);
            _items.Clear();
            _items.AddRange(page.Items);
            _next = page.NextCursor;
            _loaded = true;
        });
        _loading = false;
    }

    private async Task LoadMoreAsync()
    {
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListWorkersAsync(_next, Paging.MaxLimit, _cts.Token);
            _items.AddRange(page.Items.Where(w => _items.All(i => i.Id != w.Id)));
            _next = page.NextCursor;
        });
        _loading = false;
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (!e.Type.StartsWith("worker.", StringComparison.Ordinal)) return;
        _ = InvokeAsync(() => _reload.RunAsync(async () =>
        {
            await LoadFirstAsync();
            StateHasChanged();
        }, _cts.Token));
    }

    /// <summary>Keeps "last heartbeat 12 s ago" current between reloads.</summary>
    private async Task TickAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token)) await InvokeAsync(StateHasChanged);
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
