using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Pages.Serving;

namespace Platform.Web.Pages.Registry;

/// <summary>One model: its aliases (set, moved, removed here) and its versions with their runs, data and packages.</summary>
public partial class ModelPage
{
    private readonly List<ModelVersionDto> _versions = [];
    private readonly CancellationTokenSource _cts = new();
    private RegisteredModelDto? _model;
    private string? _next;
    private bool _notFound;
    private bool _loadingMore;

    [Parameter] public Guid Id { get; set; }
    protected override object? RouteKey => Id;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    private bool CanEdit => State.Current?.MyRole >= WorkspaceRole.Member;
    private bool CanDelete => State.Current?.MyRole >= WorkspaceRole.Maintainer;
    private bool CanChange(ModelAliasDto alias) => alias.IsProtected ? CanDelete : CanEdit;

    protected override void OnInitialized() => State.Live.Received += OnLiveEvent;

    protected override void OnWorkspaceChanged()
    {
        _model = null;
        _versions.Clear();
        _next = null;
        _notFound = false;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        try
        {
            _model = await Api.GetModelAsync(workspace.Id, Id, _cts.Token);
            var page = await Api.ListModelVersionsAsync(workspace.Id, Id, limit: Paging.DefaultLimit, ct: _cts.Token);
            _versions.Clear();
            _versions.AddRange(page.Items);
            _next = page.NextCursor;
        }
        catch (PlatformApiException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            _notFound = true;
        }
    }

    private async Task LoadMoreAsync()
    {
        if (Workspace is not { } ws || _next is null) return;
        _loadingMore = true;
        await Feedback.TryAsync(async () =>
        {
            var page = await Api.ListModelVersionsAsync(ws.Id, Id, _next, Paging.DefaultLimit, _cts.Token);
            _versions.AddRange(page.Items.Where(v => _versions.All(i => i.Id != v.Id)));
            _next = page.NextCursor;
        });
        _loadingMore = false;
    }

    private async Task SetAliasAsync(string? alias, int? version)
    {
        if (Workspace is not { } ws || _model is not { } model) return;
        var parameters = new DialogParameters<AliasDialog>
        {
            { d => d.WorkspaceId, ws.Id }, { d => d.Model, model }, { d => d.Versions, _versions }, { d => d.Alias, alias },
            { d => d.Version, version ?? _versions.FirstOrDefault()?.Number }, { d => d.CanProtect, CanDelete },
        };
        var dialog = await Dialogs.ShowAsync<AliasDialog>(alias is null ? "Set an alias" : $"Move {alias}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false }) await ReloadAsync();
    }

    private async Task DeployAsync()
    {
        if (Workspace is not { } ws || _model is not { } model) return;
        var parameters = new DialogParameters<DeployDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Model, model }, { d => d.Versions, _versions } };
        var dialog = await Dialogs.ShowAsync<DeployDialog>($"Deploy {model.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: EndpointDto endpoint }) Nav.NavigateTo($"/endpoints/{endpoint.Id}");
    }

    private async Task PredictAsync(ModelVersionDto version)
    {
        if (Workspace is not { } ws || _model is not { } model) return;
        var parameters = new DialogParameters<BatchPredictDialog> { { d => d.WorkspaceId, ws.Id }, { d => d.Model, model }, { d => d.Version, version } };
        await Dialogs.ShowAsync<BatchPredictDialog>($"Predict a dataset with {model.Name} v{version.Number}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
    }

    private async Task RemoveAliasAsync(ModelAliasDto alias)
    {
        if (Workspace is not { } ws) return;
        if (await Dialogs.ShowMessageBoxAsync($"Remove {alias.Name}?", $"{alias.Name} stops pointing at v{alias.Version}; the version stays.",
                yesText: "Remove", cancelText: "Cancel") != true) return;
        await Feedback.TryAsync(async () =>
        {
            await Api.DeleteModelAliasAsync(ws.Id, Id, alias.Name, _cts.Token);
            Feedback.Success($"{alias.Name} removed.");
        });
        await ReloadAsync();
    }

    private async Task DeleteVersionAsync(ModelVersionDto version)
    {
        if (Workspace is not { } ws) return;
        if (await Dialogs.ShowMessageBoxAsync($"Delete v{version.Number}?", "Its package and evaluation are deleted; its number is never given again.",
                yesText: "Delete", cancelText: "Cancel") != true) return;
        await Feedback.TryAsync(async () =>
        {
            await Api.DeleteModelVersionAsync(ws.Id, Id, version.Number, _cts.Token);
            Feedback.Success($"v{version.Number} deleted.");
        });
        await ReloadAsync();
    }

    private async Task DescribeAsync()
    {
        if (Workspace is not { } ws || _model is not { } model) return;
        var parameters = new DialogParameters<DescriptionDialog> { { d => d.Text, model.Description } };
        var dialog = await Dialogs.ShowAsync<DescriptionDialog>($"Describe {model.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false, Data: string text }) return;
        await Feedback.TryAsync(async () => _model = await Api.UpdateModelAsync(ws.Id, Id, new UpdateModelRequest(text), _cts.Token));
    }

    private void OnLiveEvent(LiveEventDto e)
    {
        if (e.Type == LiveEvents.RunChanged && e.Message == nameof(RunStatus.Succeeded)) _ = InvokeAsync(ReloadAsync);
    }

    protected override void Disposing()
    {
        State.Live.Received -= OnLiveEvent;
        _cts.Cancel();
        _cts.Dispose();
    }
}
