using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Pages.Serving;

/// <summary>One endpoint, live: what it serves, how to call it, a panel to try it with the member's own sign-in, its monitoring and its keys.</summary>
public partial class EndpointPage
{
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private EndpointDto? _endpoint;
    private EndpointMonitoringPanel? _monitoring;
    private bool _notFound;
    private bool _deleting;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;
    private bool CanDelete => State.Current?.MyRole >= WorkspaceRole.Maintainer;
    private string PredictUrl => _endpoint is { } e ? ServingFormat.PredictUrl(Nav.BaseUri, e) : "";

    /// <summary>The try-it panel starts afresh when the endpoint's input changes (another version, another status).</summary>
    private string SignatureKey => _endpoint is not { } e ? "" : string.Join("|", e.Id, e.Status, e.ServingVersion, e.Signature?.Kind,
        string.Join(",", e.Signature?.Columns?.Select(c => c.Name) ?? []));

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _endpoint = null;
        _notFound = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        try
        {
            _endpoint = await Api.GetEndpointAsync(workspace.Id, Id, _cts.Token);
        }
        catch (PlatformApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            _endpoint = null;
            _notFound = true;
        }
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.ResourceId != Id.ToString() || Workspace is not { } ws || _deleting) return;
        if (e.Type == LiveEvents.EndpointMetrics) _monitoring?.Refresh();
        if (e.Type != LiveEvents.EndpointChanged) return;
        _ = InvokeAsync(async () =>
        {
            try { await _fetching.WaitAsync(_cts.Token); }
            catch (OperationCanceledException) { return; }
            try { await Feedback.TryAsync(() => LoadAsync(ws)); }
            finally { _fetching.Release(); }
            StateHasChanged();
        });
    }

    private async Task ChangeAsync(bool batching)
    {
        if (Workspace is not { } ws || _endpoint is not { } endpoint) return;
        var parameters = new DialogParameters<ChangeEndpointDialog>
        {
            { d => d.WorkspaceId, ws.Id }, { d => d.Endpoint, endpoint }, { d => d.ExpandBatching, batching },
        };
        var dialog = await Dialogs.ShowAsync<ChangeEndpointDialog>(batching ? $"Batching of {endpoint.Name}" : $"Change what {endpoint.Name} serves", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: EndpointDto updated }) _endpoint = updated;
    }

    private async Task DeleteAsync()
    {
        if (Workspace is not { } ws || _endpoint is not { } endpoint) return;
        if (await Dialogs.ShowMessageBoxAsync($"Delete {endpoint.Name}?",
                $"It stops answering at once and its keys are deleted; applications calling it get errors. {endpoint.ModelName} and its versions stay.",
                yesText: "Delete", cancelText: "Cancel") != true) return;
        _deleting = true;
        var deleted = await Feedback.TryAsync(async () =>
        {
            await Api.DeleteEndpointAsync(ws.Id, endpoint.Id, _cts.Token);
            Feedback.Success($"{endpoint.Name} deleted.");
        });
        _deleting = false;
        if (deleted) Nav.NavigateTo("/endpoints");
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
