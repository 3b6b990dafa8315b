using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Components;

/// <summary>
/// Base for pages that show one workspace's data: loads when shown and again when the user switches workspace.
/// </summary>
public abstract class WorkspacePageBase : ComponentBase, IDisposable
{
    private Guid? _loadedFor;
    private object? _loadedKey;

    [Inject] protected AppState State { get; set; } = default!;
    [Inject] protected Feedback Feedback { get; set; } = default!;

    protected WorkspaceDto? Workspace => State.Current;
    protected bool Loading { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        State.Changed += OnStateChanged;
        await ReloadIfSwitchedAsync();
    }

    /// <summary>
    /// What the page shows within the workspace (its route's id): navigating from one run to another reuses the
    /// component with new parameters, and a changed key loads the new one.
    /// </summary>
    protected virtual object? RouteKey => null;

    protected override async Task OnParametersSetAsync()
    {
        if (!Equals(RouteKey, _loadedKey)) await ReloadAsync();
    }

    /// <summary>Loads the page's data for <paramref name="workspace"/>; exceptions become error snackbars.</summary>
    protected abstract Task LoadAsync(WorkspaceDto workspace);

    protected async Task ReloadAsync()
    {
        _loadedFor = null;
        await ReloadIfSwitchedAsync();
    }

    private async Task ReloadIfSwitchedAsync()
    {
        var ws = State.Current;
        if (ws?.Id == _loadedFor && Equals(RouteKey, _loadedKey)) return;
        _loadedFor = ws?.Id;
        _loadedKey = RouteKey;
        OnWorkspaceChanged();
        if (ws is null) return;
        Loading = true;
        StateHasChanged();
        try { await Feedback.TryAsync(() => LoadAsync(ws)); }
        finally { Loading = false; }
    }

    /// <summary>Reloads the page's data after a live event, at most once per <paramref name="throttle"/> interval.</summary>
    protected void ReloadSoon(Throttle throttle, CancellationToken ct) => _ = InvokeAsync(() => throttle.RunAsync(async () =>
    {
        if (Workspace is { } ws) await Feedback.TryAsync(() => LoadAsync(ws));
        StateHasChanged();
    }, ct));

    /// <summary>Clears what was shown for the previous workspace.</summary>
    protected virtual void OnWorkspaceChanged() { }

    private void OnStateChanged() => _ = InvokeAsync(async () =>
    {
        await ReloadIfSwitchedAsync();
        StateHasChanged();
    });

    public void Dispose()
    {
        State.Changed -= OnStateChanged;
        Disposing();
        GC.SuppressFinalize(this);
    }

    protected virtual void Disposing() { }
}
