using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Serving;

public partial class EndpointRevisionsPanel : IDisposable
{
    private readonly List<EndpointRevisionDto> _items = [];
    private readonly CancellationTokenSource _cts = new();
    private string? _cursor;
    private bool _loadingMore;
    private bool _rolling;
    private DateTimeOffset _shownFor;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public EndpointDto Endpoint { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Re-read whenever the endpoint changed (a new revision may have come with it).</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (Endpoint.UpdatedAt == _shownFor) return;
        _shownFor = Endpoint.UpdatedAt;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListEndpointRevisionsAsync(WorkspaceId, Endpoint.Id, ct: _cts.Token);
            _items.Clear();
            _items.AddRange(page.Items);
            _cursor = page.NextCursor;
        });
    }

    private async Task MoreAsync()
    {
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListEndpointRevisionsAsync(WorkspaceId, Endpoint.Id, _cursor, ct: _cts.Token);
            _items.AddRange(page.Items);
            _cursor = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task RollbackAsync(EndpointRevisionDto revision)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Roll back to revision #{revision.Number}?",
            $"{Endpoint.Name} will serve v{revision.Version} again, as a fixed version{(Endpoint.Alias is { } alias ? $", and stop following {alias}" : "")}. "
            + "The version serving now keeps answering until v" + revision.Version + " is loaded.",
            yesText: "Roll back", cancelText: "Cancel");
        if (confirmed != true) return;
        _rolling = true;
        await Feedback.TryAsync(async () =>
        {
            await Api.RollbackEndpointAsync(WorkspaceId, Endpoint.Id, new RollbackEndpointRequest(revision.Number), _cts.Token);
            Feedback.Success($"{Endpoint.Name} rolls back to v{revision.Version}.");
        });
        _rolling = false;
    }

    private static string Reason(string reason) => reason switch
    {
        "deployed" => "Deployed",
        "changed" => "Version changed",
        "alias-moved" => "Alias moved",
        "rolled-back" => "Rolled back",
        _ => reason,
    };

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
