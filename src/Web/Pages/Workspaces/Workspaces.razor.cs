using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Components.Dialogs;
using Platform.Web.Services;

namespace Platform.Web.Pages.Workspaces;

/// <summary>All workspaces of the user, paged; create, switch, rename (Maintainer+), archive (Owner).</summary>
public partial class Workspaces
{
    private readonly List<WorkspaceDto> _items = [];
    private string? _next;
    private bool _loading;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private AppState State { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadFirstAsync();

    private async Task LoadFirstAsync()
    {
        _items.Clear();
        _next = null;
        await LoadMoreAsync();
    }

    private async Task LoadMoreAsync()
    {
        _loading = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListWorkspacesAsync(_next);
            _items.AddRange(page.Items.Where(w => _items.All(i => i.Id != w.Id)));
            _next = page.NextCursor;
        });
        _loading = false;
    }

    private async Task OnCreatedAsync(WorkspaceDto ws)
    {
        if (_items.All(i => i.Id != ws.Id)) _items.Insert(0, ws);
        await Task.CompletedTask;
    }

    private async Task SwitchAsync(WorkspaceDto ws)
    {
        if (State.Workspaces.All(w => w.Id != ws.Id)) await State.UpsertWorkspaceAsync(ws);
        await Feedback.TryAsync(() => State.SelectWorkspaceAsync(ws.Id));
    }

    private async Task RenameAsync(WorkspaceDto ws)
    {
        var parameters = new DialogParameters<TextPromptDialog>
        {
            { d => d.Label, "Workspace name" },
            { d => d.Value, ws.Name },
            { d => d.SubmitText, "Rename" },
        };
        var dialog = await Dialogs.ShowAsync<TextPromptDialog>("Rename workspace", parameters);
        var result = await dialog.Result;
        if (result is null || result.Canceled || result.Data is not string name || name == ws.Name) return;
        await Feedback.TryAsync(async () =>
        {
            var renamed = await Api.RenameWorkspaceAsync(ws.Id, new RenameWorkspaceRequest(name));
            Replace(renamed);
            await State.UpsertWorkspaceAsync(renamed);
            Feedback.Success($"Renamed to “{renamed.Name}”.");
        });
    }

    private async Task ArchiveAsync(WorkspaceDto ws)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Archive workspace?",
            $"“{ws.Name}” will be read-only and leave the workspace switcher. Its data is kept.",
            yesText: "Archive", cancelText: "Cancel");
        if (confirmed != true) return;
        await Feedback.TryAsync(async () =>
        {
            var archived = await Api.ArchiveWorkspaceAsync(ws.Id);
            Replace(archived);
            await State.UpsertWorkspaceAsync(archived);
            Feedback.Success($"“{archived.Name}” archived.");
        });
    }

    private void Replace(WorkspaceDto ws)
    {
        var index = _items.FindIndex(i => i.Id == ws.Id);
        if (index >= 0) _items[index] = ws;
    }
}
