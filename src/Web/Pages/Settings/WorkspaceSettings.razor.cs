using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Pages.Settings;

/// <summary>Rename and archive the current workspace; prove the live path (test event) and the job path (system check).</summary>
public partial class WorkspaceSettings
{
    private static readonly TimeSpan PollWhenNotLive = TimeSpan.FromSeconds(3);
    private readonly CancellationTokenSource _cts = new();
    private string _name = "";
    private string? _nameError;
    private bool _renaming;
    private string _testMessage = "Hello from the portal";
    private bool _sending;
    private bool _starting;
    private OperationDto? _operation;
    private readonly Queue<Guid> _changedBeforeStart = new();
    private PeriodicTimer? _ticker;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override void OnInitialized()
    {
        State.Live.Received += OnLiveEvent;
        _ticker = new PeriodicTimer(PollWhenNotLive);
        _ = TickAsync(_ticker);
    }

    protected override void OnWorkspaceChanged()
    {
        _name = State.Current?.Name ?? "";
        _nameError = null;
        _operation = null;
    }

    protected override Task LoadAsync(WorkspaceDto workspace) => Task.CompletedTask;

    private static bool IsFinished(OperationState state) =>
        state is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;

    private static double Percent(double progress) => Math.Clamp(progress * 100, 0, 100);

    private static Color StateColor(OperationState state) => state switch
    {
        OperationState.Succeeded => Color.Success,
        OperationState.Failed => Color.Error,
        OperationState.Cancelled => Color.Default,
        OperationState.Running => Color.Info,
        _ => Color.Warning,
    };

    private async Task RenameAsync()
    {
        if (_renaming || Workspace is not { } ws) return;
        var name = _name.Trim();
        _nameError = name.Length == 0 ? "Give the workspace a name." : name.Length > 100 ? "Use at most 100 characters." : null;
        if (_nameError is not null || name == ws.Name) return;
        _renaming = true;
        try
        {
            var renamed = await Api.RenameWorkspaceAsync(ws.Id, new RenameWorkspaceRequest(name));
            await State.UpsertWorkspaceAsync(renamed);
            _name = renamed.Name;
            Feedback.Success($"Renamed to “{renamed.Name}”.");
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            _nameError = ex.UserMessage;
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _renaming = false;
        }
    }

    private async Task ArchiveAsync()
    {
        if (Workspace is not { } ws) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Archive workspace?",
            $"“{ws.Name}” will be read-only and leave the workspace switcher. Its data is kept.",
            yesText: "Archive", cancelText: "Cancel");
        if (confirmed != true) return;
        await Feedback.TryAsync(async () =>
        {
            var archived = await Api.ArchiveWorkspaceAsync(ws.Id);
            await State.UpsertWorkspaceAsync(archived);
            Feedback.Success($"“{archived.Name}” archived.");
        });
    }

    private async Task SendTestEventAsync()
    {
        if (_sending || Workspace is not { } ws) return;
        var message = _testMessage.Trim();
        if (message.Length == 0) message = "Test event";
        _sending = true;
        // The event comes back through the hub and shows in the list below; nothing is added here directly.
        await Feedback.TryAsync(() => Api.SendTestEventAsync(ws.Id, message, _cts.Token));
        _sending = false;
    }

    private async Task RunSystemCheckAsync()
    {
        if (_starting || Workspace is not { } ws) return;
        _starting = true;
        await Feedback.TryAsync(async () =>
        {
            _operation = await Api.StartSystemCheckAsync(ws.Id, _cts.Token);
            // A fast worker may have reported progress before the start call returned.
            if (_changedBeforeStart.Contains(_operation.Id)) await RefreshOperationAsync();
        });
        _starting = false;
    }

    private async Task RefreshOperationAsync()
    {
        if (_operation is not { } op || Workspace is not { } ws || op.WorkspaceId != ws.Id) return;
        var fresh = await Api.GetOperationAsync(ws.Id, op.Id, _cts.Token);
        if (_operation?.Id == fresh.Id) _operation = fresh;
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        _ = InvokeAsync(async () =>
        {
            if (e.Type == LiveEvents.OperationChanged && Guid.TryParse(e.ResourceId, out var id))
            {
                if (_operation?.Id == id) await Feedback.TryAsync(RefreshOperationAsync);
                else
                {
                    _changedBeforeStart.Enqueue(id);
                    if (_changedBeforeStart.Count > 20) _changedBeforeStart.Dequeue();
                }
            }
            StateHasChanged();
        });
    }

    /// <summary>Falls back to polling the operation while the live connection is down; keeps relative times current.</summary>
    private async Task TickAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_cts.Token))
            {
                await InvokeAsync(async () =>
                {
                    if (State.Live.Status != Services.LiveStatus.Live && _operation is { } op && !IsFinished(op.State))
                        await Feedback.TryAsync(RefreshOperationAsync);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) { }
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _ticker?.Dispose();
        _cts.Dispose();
    }
}
